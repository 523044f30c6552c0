using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommsPlan.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddActivityFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActivityFigures",
                columns: table => new
                {
                    Grain = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Activities = table.Column<int>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    SecondMeasure = table.Column<long>(type: "INTEGER", nullable: false),
                    Cost = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityFigures", x => new { x.Grain, x.Day, x.AgencyId, x.ChannelId });
                });

            migrationBuilder.CreateTable(
                name: "ActivityObjectiveFigures",
                columns: table => new
                {
                    Grain = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    ObjectiveId = table.Column<int>(type: "INTEGER", nullable: false),
                    Activities = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityObjectiveFigures", x => new { x.Grain, x.Day, x.AgencyId, x.ObjectiveId });
                });

            migrationBuilder.CreateTable(
                name: "ActivityThemeFigures",
                columns: table => new
                {
                    Grain = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    ThemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Activities = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityThemeFigures", x => new { x.Grain, x.Day, x.AgencyId, x.ChannelId, x.ThemeId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityFigures_Covering",
                table: "ActivityFigures",
                columns: new[] { "Grain", "Day", "AgencyId", "ChannelId", "Activities", "Quantity", "SecondMeasure", "Cost" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityFigures_Grain_AgencyId_Day_Activities",
                table: "ActivityFigures",
                columns: new[] { "Grain", "AgencyId", "Day", "Activities" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityObjectiveFigures_Covering",
                table: "ActivityObjectiveFigures",
                columns: new[] { "Grain", "Day", "AgencyId", "ObjectiveId", "Activities" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityThemeFigures_Covering",
                table: "ActivityThemeFigures",
                columns: new[] { "Grain", "Day", "AgencyId", "ChannelId", "ThemeId", "Activities" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActivityFigures");

            migrationBuilder.DropTable(
                name: "ActivityObjectiveFigures");

            migrationBuilder.DropTable(
                name: "ActivityThemeFigures");
        }
    }
}
