using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DesignationExpiryAnnouncement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "expiry_position",
                table: "designations",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_designations_expires_at",
                table: "designations",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_designations_expires_at",
                table: "designations");

            migrationBuilder.DropColumn(
                name: "expiry_position",
                table: "designations");
        }
    }
}
