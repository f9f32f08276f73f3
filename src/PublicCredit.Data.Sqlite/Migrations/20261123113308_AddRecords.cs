using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    document_number = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject_id = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    subject_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    subject_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    decision_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    legal_basis = table.Column<string>(type: "TEXT", nullable: false),
                    facts = table.Column<string>(type: "TEXT", nullable: true),
                    content = table.Column<string>(type: "TEXT", nullable: true),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    legal_representative = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    public_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    published = table.Column<bool>(type: "INTEGER", nullable: false),
                    late = table.Column<bool>(type: "INTEGER", nullable: true),
                    submitted_at = table.Column<string>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<string>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: true),
                    content_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    ledger_position = table.Column<long>(type: "INTEGER", nullable: false),
                    superseded_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_records", x => new { x.id, x.version });
                });

            migrationBuilder.CreateIndex(
                name: "ix_records_current_document",
                table: "records",
                columns: new[] { "department", "document_number" },
                unique: true,
                filter: "superseded_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_records_subject_id",
                table: "records",
                column: "subject_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "records");
        }
    }
}
