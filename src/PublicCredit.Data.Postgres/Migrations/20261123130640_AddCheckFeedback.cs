using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Postgres.Migrations
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    check_id = table.Column<Guid>(type: "uuid", nullable: false),
                    department = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    measure = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    memorandum = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    applied = table.Column<bool>(type: "boolean", nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ledger_position = table.Column<long>(type: "bigint", nullable: false)
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
