using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Postgres.Migrations
{
    /// <summary>
    /// ADR 0046 §7: new subjects' bigrams are written once per statement (a transition table), sorted in index order —
    /// the bulk import's binary COPY of a chunk becomes one ordered insert instead of one per subject; the subject-id
    /// index goes: a renamed or deleted subject's rows are found by the primary key, recomputed from the old name.
    /// </summary>
    public partial class SearchIndexSetWrites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tr_subjects_name_grams ON subjects;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS subject_name_grams_follow();");
            migrationBuilder.DropIndex(
                name: "ix_subject_name_grams_subject_id",
                table: "subject_name_grams");
            migrationBuilder.Sql("""
                CREATE FUNCTION subject_name_grams_added() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO subject_name_grams (gram, sort_key, public_id, subject_id)
                  SELECT DISTINCT substr(a.name_key, n, 2), substr(a.name_key, 1, 100), a.public_id, a.subject_id
                  FROM added a CROSS JOIN LATERAL generate_series(1, char_length(a.name_key) - 1) AS n
                  ORDER BY 1, 2, 3;
                  RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER tr_subjects_name_grams_insert AFTER INSERT ON subjects
                REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION subject_name_grams_added();
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION subject_name_grams_replace() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  DELETE FROM subject_name_grams
                  WHERE gram IN (SELECT substr(OLD.name_key, n, 2) FROM generate_series(1, char_length(OLD.name_key) - 1) AS n)
                    AND sort_key = substr(OLD.name_key, 1, 100) AND public_id = OLD.public_id;
                  IF TG_OP = 'UPDATE' THEN
                    INSERT INTO subject_name_grams (gram, sort_key, public_id, subject_id)
                    SELECT DISTINCT substr(NEW.name_key, n, 2), substr(NEW.name_key, 1, 100), NEW.public_id, NEW.subject_id
                    FROM generate_series(1, char_length(NEW.name_key) - 1) AS n;
                  END IF;
                  RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER tr_subjects_name_grams_replace AFTER DELETE OR UPDATE OF name_key, public_id ON subjects
                FOR EACH ROW EXECUTE FUNCTION subject_name_grams_replace();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tr_subjects_name_grams_insert ON subjects;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tr_subjects_name_grams_replace ON subjects;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS subject_name_grams_added();");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS subject_name_grams_replace();");
            migrationBuilder.CreateIndex(
                name: "ix_subject_name_grams_subject_id",
                table: "subject_name_grams",
                column: "subject_id");
            migrationBuilder.Sql("""
                CREATE FUNCTION subject_name_grams_follow() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP <> 'INSERT' THEN
                    DELETE FROM subject_name_grams WHERE subject_id = OLD.subject_id;
                  END IF;
                  IF TG_OP <> 'DELETE' THEN
                    INSERT INTO subject_name_grams (gram, sort_key, public_id, subject_id)
                    SELECT DISTINCT substr(NEW.name_key, n, 2), substr(NEW.name_key, 1, 100), NEW.public_id, NEW.subject_id
                    FROM generate_series(1, char_length(NEW.name_key) - 1) AS n;
                  END IF;
                  RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER tr_subjects_name_grams AFTER INSERT OR DELETE OR UPDATE OF name_key, public_id ON subjects
                FOR EACH ROW EXECUTE FUNCTION subject_name_grams_follow();
                """);
        }
    }
}
