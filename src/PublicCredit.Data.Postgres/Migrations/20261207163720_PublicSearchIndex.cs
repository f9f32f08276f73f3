using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PublicSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "subject_name_grams",
                columns: table => new
                {
                    gram = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    sort_key = table.Column<string>(type: "text", nullable: false),
                    public_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    subject_id = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subject_name_grams", x => new { x.gram, x.sort_key, x.public_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_subject_name_grams_subject_id",
                table: "subject_name_grams",
                column: "subject_id");

            // ADR 0046: the index follows subjects by a trigger, so every write path (use cases, the bulk import's
            // binary COPY, renames) keeps it in its own transaction; substr counts code points, as C# does.
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
            migrationBuilder.Sql("""
                INSERT INTO subject_name_grams (gram, sort_key, public_id, subject_id)
                SELECT DISTINCT substr(s.name_key, n, 2), substr(s.name_key, 1, 100), s.public_id, s.subject_id
                FROM subjects s CROSS JOIN LATERAL generate_series(1, char_length(s.name_key) - 1) AS n;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tr_subjects_name_grams ON subjects;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS subject_name_grams_follow();");
            migrationBuilder.DropTable(
                name: "subject_name_grams");
        }
    }
}
