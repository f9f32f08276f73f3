using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    lookup = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    secret_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    revoked_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_events",
                columns: table => new
                {
                    position = table.Column<long>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    occurred_at = table.Column<string>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    previous_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_events", x => x.position);
                });

            migrationBuilder.CreateTable(
                name: "ledger_head",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    position = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_head", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "ledger_head",
                columns: new[] { "id", "hash", "position" },
                values: new object[] { 1, "0000000000000000000000000000000000000000000000000000000000000000", 0L });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_lookup",
                table: "api_keys",
                column: "lookup",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_events_previous_hash",
                table: "ledger_events",
                column: "previous_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_events_subject",
                table: "ledger_events",
                column: "subject");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "ledger_events");

            migrationBuilder.DropTable(
                name: "ledger_head");
        }
    }
}
