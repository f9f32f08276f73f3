using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddRestorationsAndRemovals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "restored_at",
                table: "records",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "performances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    designation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject_id = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    performance_document = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    performed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    evidence = table.Column<string>(type: "TEXT", nullable: true),
                    recorded_at = table.Column<string>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    removal_due_by = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    removed_at = table.Column<string>(type: "TEXT", nullable: true),
                    ledger_position = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_performances", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "restorations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    subject_id = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    designation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    record_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    commitment = table.Column<bool>(type: "INTEGER", nullable: false),
                    evidence = table.Column<string>(type: "TEXT", nullable: true),
                    earliest_restoration = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    submitted_at = table.Column<string>(type: "TEXT", nullable: false),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    accept_by = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    decide_by = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    accepted_at = table.Column<string>(type: "TEXT", nullable: true),
                    accepted_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    acceptance_reasons = table.Column<string>(type: "TEXT", nullable: true),
                    decided_at = table.Column<string>(type: "TEXT", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    decision_reasons = table.Column<string>(type: "TEXT", nullable: true),
                    refused_at_step = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ledger_position = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_restorations", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_performances_designation_id",
                table: "performances",
                column: "designation_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_performances_removal_due_by",
                table: "performances",
                column: "removal_due_by",
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_restorations_department_status",
                table: "restorations",
                columns: new[] { "department", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_restorations_designation_id",
                table: "restorations",
                column: "designation_id");

            migrationBuilder.CreateIndex(
                name: "ix_restorations_record_id",
                table: "restorations",
                column: "record_id");

            migrationBuilder.CreateIndex(
                name: "ix_restorations_subject_id",
                table: "restorations",
                column: "subject_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "performances");

            migrationBuilder.DropTable(
                name: "restorations");

            migrationBuilder.DropColumn(
                name: "restored_at",
                table: "records");
        }
    }
}
