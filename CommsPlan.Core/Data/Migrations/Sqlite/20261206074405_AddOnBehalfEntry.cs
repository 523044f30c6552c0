using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommsPlan.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddOnBehalfEntry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EnteredOnBehalfBy",
                table: "UnitPlans",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EnteredOnBehalfBy",
                table: "Difficulties",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EnteredOnBehalfBy",
                table: "Activities",
                type: "TEXT",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EnteredOnBehalfBy",
                table: "UnitPlans");

            migrationBuilder.DropColumn(
                name: "EnteredOnBehalfBy",
                table: "Difficulties");

            migrationBuilder.DropColumn(
                name: "EnteredOnBehalfBy",
                table: "Activities");
        }
    }
}
