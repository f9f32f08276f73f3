using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddCheckFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "check_feedback",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    check_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    measure = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    memorandum = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    applied = table.Column<bool>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    at = table.Column<string>(type: "TEXT", nullable: false),
                    ledger_position = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_check_feedback", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_check_feedback_check_measure",
                table: "check_feedback",
                columns: new[] { "check_id", "measure" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "check_feedback");
        }
    }
}
