using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SubjectCredentialOrigins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "origin",
                table: "subject_tokens",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // ADR 0029: tokens the operator issued keep working; those issued with a notice went to the department.
            migrationBuilder.Sql("UPDATE subject_tokens SET origin = 'operator' WHERE issued_by = 'operator'");
            migrationBuilder.Sql("UPDATE subject_tokens SET origin = 'designation-notice' WHERE origin = ''");

            migrationBuilder.AddColumn<string>(
                name: "credential_origin",
                table: "designation_statements",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "activation_codes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    subject_id = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    designation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    issued_at = table.Column<string>(type: "TEXT", nullable: false),
                    expires_at = table.Column<string>(type: "TEXT", nullable: false),
                    issued_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    redeemed_at = table.Column<string>(type: "TEXT", nullable: true),
                    token_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activation_codes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_activation_codes_code_hash",
                table: "activation_codes",
                column: "code_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_activation_codes_subject_id",
                table: "activation_codes",
                column: "subject_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "activation_codes");

            migrationBuilder.DropColumn(
                name: "origin",
                table: "subject_tokens");

            migrationBuilder.DropColumn(
                name: "credential_origin",
                table: "designation_statements");
        }
    }
}
