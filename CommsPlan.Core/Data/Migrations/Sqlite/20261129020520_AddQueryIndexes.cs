using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommsPlan.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddQueryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Activities_Period_Figures",
                table: "Activities",
                columns: new[] { "AgencyId", "ChannelId", "StartDate", "Quantity", "SecondMeasure", "Cost" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Activities_Period_Figures",
                table: "Activities");
        }
    }
}
