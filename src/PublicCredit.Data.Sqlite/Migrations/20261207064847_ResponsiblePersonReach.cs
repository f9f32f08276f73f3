using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ResponsiblePersonReach : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_objections_suspending_designation",
                table: "objections");

            migrationBuilder.AddColumn<string>(
                name: "reach_ended_at",
                table: "responsible_persons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reach_suspended_at",
                table: "responsible_persons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reach_of",
                table: "objections",
                type: "TEXT",
                maxLength: 18,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_objections_open_reach",
                table: "objections",
                columns: new[] { "designation_id", "reach_of" },
                unique: true,
                filter: "status = 'open' AND reach_of IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_objections_suspending_designation",
                table: "objections",
                column: "designation_id",
                unique: true,
                filter: "status = 'open' AND suspended_at IS NOT NULL AND designation_id IS NOT NULL AND reach_of IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_objections_open_reach",
                table: "objections");

            migrationBuilder.DropIndex(
                name: "ix_objections_suspending_designation",
                table: "objections");

            migrationBuilder.DropColumn(
                name: "reach_ended_at",
                table: "responsible_persons");

            migrationBuilder.DropColumn(
                name: "reach_suspended_at",
                table: "responsible_persons");

            migrationBuilder.DropColumn(
                name: "reach_of",
                table: "objections");

            migrationBuilder.CreateIndex(
                name: "ix_objections_suspending_designation",
                table: "objections",
                column: "designation_id",
                unique: true,
                filter: "status = 'open' AND suspended_at IS NOT NULL AND designation_id IS NOT NULL");
        }
    }
}
