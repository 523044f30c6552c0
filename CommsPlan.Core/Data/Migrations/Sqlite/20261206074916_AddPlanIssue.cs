using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommsPlan.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddPlanIssue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Channels_Code",
                table: "Channels");

            migrationBuilder.DropIndex(
                name: "IX_Channels_FormGroupId",
                table: "Channels");

            migrationBuilder.AddColumn<bool>(
                name: "IsIssued",
                table: "Plans",
                type: "INTEGER",
                nullable: false,
                // Every plan that existed before drafts did was issued.
                defaultValue: true);

            migrationBuilder.CreateIndex(
                name: "IX_Plans_Year",
                table: "Plans",
                column: "Year",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Channels_FormGroupId_Code",
                table: "Channels",
                columns: new[] { "FormGroupId", "Code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Plans_Year",
                table: "Plans");

            migrationBuilder.DropIndex(
                name: "IX_Channels_FormGroupId_Code",
                table: "Channels");

            migrationBuilder.DropColumn(
                name: "IsIssued",
                table: "Plans");

            migrationBuilder.CreateIndex(
                name: "IX_Channels_Code",
                table: "Channels",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Channels_FormGroupId",
                table: "Channels",
                column: "FormGroupId");
        }
    }
}
