using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddIssuedReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "issued_reports",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    subject_public_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    subject_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    subject_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    subject_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    generated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    data_version = table.Column<long>(type: "bigint", nullable: false),
                    records = table.Column<int>(type: "integer", nullable: false),
                    designations = table.Column<int>(type: "integer", nullable: false),
                    language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_issued_reports", x => x.code);
                });

            migrationBuilder.CreateIndex(
                name: "ix_issued_reports_subject",
                table: "issued_reports",
                column: "subject_public_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "issued_reports");
        }
    }
}
