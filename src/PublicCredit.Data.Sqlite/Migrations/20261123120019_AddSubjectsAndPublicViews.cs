using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddSubjectsAndPublicViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "withdrawal_position",
                table: "records",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "subjects",
                columns: table => new
                {
                    subject_id = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name_key = table.Column<string>(type: "TEXT", nullable: false),
                    public_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    first_recorded_at = table.Column<string>(type: "TEXT", nullable: false),
                    name_recorded_at = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subjects", x => x.subject_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_records_publicity_end_pending",
                table: "records",
                column: "public_until",
                filter: "superseded_at IS NULL AND withdrawal_position IS NULL AND published AND public_until IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_subjects_public_id",
                table: "subjects",
                column: "public_id",
                unique: true);

            // Hand-written (ADR 0008): subjects of the records written before this migration, each with the name of its
            // latest version and a random public id; and versions whose publicity had already ended when they were
            // written are marked, so the publicity-end job does not announce what was never public. lower() folds
            // ASCII only; such a name key is rewritten with the full folding by the next record about the subject.
            migrationBuilder.Sql("""
                INSERT INTO subjects (subject_id, kind, name, name_key, public_id, first_recorded_at, name_recorded_at)
                SELECT subject_id, subject_kind, subject_name, lower(subject_name), 'p-' || lower(hex(randomblob(12))),
                       first_recorded_at, recorded_at
                FROM (SELECT subject_id, subject_kind, subject_name, recorded_at,
                             min(recorded_at) OVER (PARTITION BY subject_id) AS first_recorded_at,
                             row_number() OVER (PARTITION BY subject_id ORDER BY recorded_at DESC, version DESC) AS n
                      FROM records)
                WHERE n = 1;
                """);
            migrationBuilder.Sql("""
                UPDATE records SET withdrawal_position = ledger_position
                WHERE superseded_at IS NULL AND published AND public_until IS NOT NULL
                  AND public_until < date(substr(recorded_at, 1, 19), '+8 hours');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "subjects");

            migrationBuilder.DropIndex(
                name: "ix_records_publicity_end_pending",
                table: "records");

            migrationBuilder.DropColumn(
                name: "withdrawal_position",
                table: "records");
        }
    }
}
