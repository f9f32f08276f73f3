using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddDesignations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "designations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    list_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject_id = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    subject_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    subject_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    facts = table.Column<string>(type: "TEXT", nullable: false),
                    legal_basis = table.Column<string>(type: "TEXT", nullable: false),
                    notice_document = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    noticed_at = table.Column<string>(type: "TEXT", nullable: false),
                    noticed_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    objection_window_working_days = table.Column<int>(type: "INTEGER", nullable: false),
                    objection_deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    measures = table.Column<string>(type: "TEXT", nullable: false),
                    notice_json = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    statement_filed = table.Column<bool>(type: "INTEGER", nullable: false),
                    objection_open = table.Column<bool>(type: "INTEGER", nullable: false),
                    decision_document = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    decision_reasons = table.Column<string>(type: "TEXT", nullable: true),
                    effective_from = table.Column<string>(type: "TEXT", nullable: true),
                    expires_at = table.Column<string>(type: "TEXT", nullable: true),
                    term = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    decided_at = table.Column<string>(type: "TEXT", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    decision_json = table.Column<string>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<string>(type: "TEXT", nullable: true),
                    revoked_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    revocation_reasons = table.Column<string>(type: "TEXT", nullable: true),
                    revocation_document = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ledger_position = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_designations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "designation_statements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    designation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    statement = table.Column<string>(type: "TEXT", nullable: false),
                    evidence = table.Column<string>(type: "TEXT", nullable: true),
                    filed_at = table.Column<string>(type: "TEXT", nullable: false),
                    filed_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ledger_position = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_designation_statements", x => x.id);
                    table.ForeignKey(
                        name: "fk_designation_statements_designation",
                        column: x => x.designation_id,
                        principalTable: "designations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "responsible_persons",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    designation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    resident_id = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_responsible_persons", x => x.id);
                    table.ForeignKey(
                        name: "fk_responsible_persons_designation",
                        column: x => x.designation_id,
                        principalTable: "designations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_designation_statements_designation_id",
                table: "designation_statements",
                column: "designation_id");

            migrationBuilder.CreateIndex(
                name: "ix_designations_notice",
                table: "designations",
                columns: new[] { "department", "notice_document", "subject_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_designations_status",
                table: "designations",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_designations_subject_id",
                table: "designations",
                column: "subject_id");

            migrationBuilder.CreateIndex(
                name: "ix_responsible_persons_designation_id",
                table: "responsible_persons",
                column: "designation_id");

            migrationBuilder.CreateIndex(
                name: "ix_responsible_persons_resident_id",
                table: "responsible_persons",
                column: "resident_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "designation_statements");

            migrationBuilder.DropTable(
                name: "responsible_persons");

            migrationBuilder.DropTable(
                name: "designations");
        }
    }
}
