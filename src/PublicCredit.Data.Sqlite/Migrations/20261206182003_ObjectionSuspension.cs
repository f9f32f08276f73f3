using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicCredit.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ObjectionSuspension : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_objections_open_designation",
                table: "objections");

            migrationBuilder.DropIndex(
                name: "ix_objections_open_record",
                table: "objections");

            migrationBuilder.AddColumn<string>(
                name: "suspended_at",
                table: "objections",
                type: "TEXT",
                nullable: true);

            // Every objection filed before ADR 0034 suspended its target when it was filed.
            migrationBuilder.Sql("UPDATE objections SET suspended_at = filed_at;");

            migrationBuilder.CreateIndex(
                name: "ix_objections_suspending_designation",
                table: "objections",
                column: "designation_id",
                unique: true,
                filter: "status = 'open' AND suspended_at IS NOT NULL AND designation_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_objections_suspending_record",
                table: "objections",
                column: "record_id",
                unique: true,
                filter: "status = 'open' AND suspended_at IS NOT NULL AND record_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_objections_suspending_designation",
                table: "objections");

            migrationBuilder.DropIndex(
                name: "ix_objections_suspending_record",
                table: "objections");

            migrationBuilder.DropColumn(
                name: "suspended_at",
                table: "objections");

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
        }
    }
}
