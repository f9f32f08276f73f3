using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddObjections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "objections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    designation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    record_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject_id = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    filed_by_subject = table.Column<bool>(type: "INTEGER", nullable: false),
                    filed_by_department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    filed_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    grounds = table.Column<string>(type: "TEXT", nullable: false),
                    evidence = table.Column<string>(type: "TEXT", nullable: true),
                    filed_at = table.Column<string>(type: "TEXT", nullable: false),
                    review_deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    resolved_at = table.Column<string>(type: "TEXT", nullable: true),
                    resolved_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    resolution_reasons = table.Column<string>(type: "TEXT", nullable: true),
                    filed_position = table.Column<long>(type: "INTEGER", nullable: false),
                    resolved_position = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_objections", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_objections_open_designation",
                table: "objections",
                column: "designation_id",
                unique: true,
                filter: "status = 'open' AND designation_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_objections_open_record",
                table: "objections",
                column: "record_id",
                unique: true,
                filter: "status = 'open' AND record_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_objections_queue",
                table: "objections",
                columns: new[] { "department", "status", "review_deadline" });

            migrationBuilder.CreateIndex(
                name: "ix_objections_record",
                table: "objections",
                columns: new[] { "record_id", "filed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_objections_subject_id",
                table: "objections",
                column: "subject_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "objections");
        }
    }
}
