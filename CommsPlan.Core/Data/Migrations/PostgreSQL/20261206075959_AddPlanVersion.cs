using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommsPlan.Core.Data.Migrations.PostgreSQL
{
    /// <inheritdoc />
    public partial class AddPlanVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Plans",
                type: "bigint",
                nullable: false,
                // Existing plans start at version 1, as a new row does.
                defaultValue: 1L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "Plans");
        }
    }
}
