using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Sqlite.Migrations
{
    /// <summary>
    /// ADR 0046 §7: the search index loses its subject-id index; a renamed or deleted subject's rows are found by the
    /// primary key, recomputed from the old name (the bigrams of OLD.name_key, its first 100 code points, its public id).
    /// </summary>
    public partial class SearchIndexSetWrites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tr_subjects_name_grams_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tr_subjects_name_grams_delete;");
            migrationBuilder.DropIndex(
                name: "ix_subject_name_grams_subject_id",
                table: "subject_name_grams");
            migrationBuilder.Sql($"""
                CREATE TRIGGER tr_subjects_name_grams_update AFTER UPDATE OF name_key, public_id ON subjects BEGIN
                  {DeleteOld};
                  {InsertNew};
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER tr_subjects_name_grams_delete AFTER DELETE ON subjects BEGIN
                  {DeleteOld};
                END;
                """);
        }

        /// <summary>Positions 0..n-2 of a key (a trigger may not use WITH; see PublicSearchIndex).</summary>
        private static string Positions(string row) =>
            $"json_each('[' || rtrim(replace(hex(zeroblob(max(length({row}.name_key) - 1, 0))), '00', '0,'), ',') || ']')";

        private static string DeleteOld => $"""
            DELETE FROM subject_name_grams
                  WHERE gram IN (SELECT substr(OLD.name_key, p.key + 1, 2) FROM {Positions("OLD")} p)
                    AND sort_key = substr(OLD.name_key, 1, 100) AND public_id = OLD.public_id
            """;

        private static string InsertNew => $"""
            INSERT INTO subject_name_grams (gram, sort_key, public_id, subject_id)
                  SELECT DISTINCT substr(NEW.name_key, p.key + 1, 2), substr(NEW.name_key, 1, 100), NEW.public_id, NEW.subject_id
                  FROM {Positions("NEW")} p
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tr_subjects_name_grams_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tr_subjects_name_grams_delete;");
            migrationBuilder.CreateIndex(
                name: "ix_subject_name_grams_subject_id",
                table: "subject_name_grams",
                column: "subject_id");
            migrationBuilder.Sql($"""
                CREATE TRIGGER tr_subjects_name_grams_update AFTER UPDATE OF name_key, public_id ON subjects BEGIN
                  DELETE FROM subject_name_grams WHERE subject_id = OLD.subject_id;
                  {InsertNew};
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER tr_subjects_name_grams_delete AFTER DELETE ON subjects BEGIN
                  DELETE FROM subject_name_grams WHERE subject_id = OLD.subject_id;
                END;
                """);
        }
    }
}
