using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InquiryBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "batch_id",
                table: "inquiries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "inquiry_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    written_at = table.Column<string>(type: "TEXT", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    digest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sealed_position = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inquiry_batches", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_batch_id",
                table: "inquiries",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_inquiry_batches_sealed_position",
                table: "inquiry_batches",
                column: "sealed_position");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inquiry_batches");

            migrationBuilder.DropIndex(
                name: "ix_inquiries_batch_id",
                table: "inquiries");

            migrationBuilder.DropColumn(
                name: "batch_id",
                table: "inquiries");
        }
    }
}
