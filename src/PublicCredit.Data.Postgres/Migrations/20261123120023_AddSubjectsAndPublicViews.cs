using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Postgres.Migrations
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
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "subjects",
                columns: table => new
                {
                    subject_id = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_key = table.Column<string>(type: "text", nullable: false),
                    public_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    first_recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    name_recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
            // latest version and a random public id (96 bits from gen_random_uuid, PostgreSQL 13+); and versions whose
            // publicity had already ended when they were written are marked, so the publicity-end job does not announce
            // what was never public (China date = UTC + 8 hours). The name key's lower() is rewritten with the full
            // folding by the next record about the subject.
            migrationBuilder.Sql("""
                INSERT INTO subjects (subject_id, kind, name, name_key, public_id, first_recorded_at, name_recorded_at)
                SELECT subject_id, subject_kind, subject_name, lower(subject_name),
                       'p-' || substr(md5(gen_random_uuid()::text), 1, 24), first_recorded_at, recorded_at
                FROM (SELECT subject_id, subject_kind, subject_name, recorded_at,
                             min(recorded_at) OVER (PARTITION BY subject_id) AS first_recorded_at,
                             row_number() OVER (PARTITION BY subject_id ORDER BY recorded_at DESC, version DESC) AS n
                      FROM records) AS latest
                WHERE n = 1;
                """);
            migrationBuilder.Sql("""
                UPDATE records SET withdrawal_position = ledger_position
                WHERE superseded_at IS NULL AND published AND public_until IS NOT NULL
                  AND public_until < ((recorded_at AT TIME ZONE 'UTC') + interval '8 hours')::date;
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
