using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Sqlite.Migrations
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
                    gram = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    sort_key = table.Column<string>(type: "TEXT", nullable: false),
                    public_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    subject_id = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subject_name_grams", x => new { x.gram, x.sort_key, x.public_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_subject_name_grams_subject_id",
                table: "subject_name_grams",
                column: "subject_id");

            // ADR 0046: the index follows subjects by triggers, so every write path (use cases, bulk import, renames)
            // keeps it in its own transaction. A trigger may not use WITH, so the positions 0..n-2 of a key come from
            // json_each over a JSON array of n-1 zeros built from zeroblob; substr counts code points, as C# does.
            migrationBuilder.Sql($"""
                CREATE TRIGGER tr_subjects_name_grams_insert AFTER INSERT ON subjects BEGIN
                  {Grams("NEW")};
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER tr_subjects_name_grams_update AFTER UPDATE OF name_key, public_id ON subjects BEGIN
                  DELETE FROM subject_name_grams WHERE subject_id = OLD.subject_id;
                  {Grams("NEW")};
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER tr_subjects_name_grams_delete AFTER DELETE ON subjects BEGIN
                  DELETE FROM subject_name_grams WHERE subject_id = OLD.subject_id;
                END;
                """);
            migrationBuilder.Sql("""
                INSERT INTO subject_name_grams (gram, sort_key, public_id, subject_id)
                SELECT DISTINCT substr(s.name_key, p.key + 1, 2), substr(s.name_key, 1, 100), s.public_id, s.subject_id
                FROM subjects s, json_each('[' || rtrim(replace(hex(zeroblob(max(length(s.name_key) - 1, 0))), '00', '0,'), ',') || ']') p;
                """);
        }

        /// <summary>The INSERT of the distinct bigrams of the row <paramref name="row"/> (NEW) names.</summary>
        private static string Grams(string row) => $"""
            INSERT INTO subject_name_grams (gram, sort_key, public_id, subject_id)
                  SELECT DISTINCT substr({row}.name_key, p.key + 1, 2), substr({row}.name_key, 1, 100), {row}.public_id, {row}.subject_id
                  FROM json_each('[' || rtrim(replace(hex(zeroblob(max(length({row}.name_key) - 1, 0))), '00', '0,'), ',') || ']') p
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tr_subjects_name_grams_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tr_subjects_name_grams_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tr_subjects_name_grams_delete;");
            migrationBuilder.DropTable(
                name: "subject_name_grams");
        }
    }
}
