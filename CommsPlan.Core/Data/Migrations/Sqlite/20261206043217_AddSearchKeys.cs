using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommsPlan.Core.Data.Migrations.Sqlite
{
    /// <summary>
    /// The search keys of every searchable record (docs/decisions/0014-vietnamese-search.md), filled for the rows that
    /// exist with commsplan_search_key, the write path's own fold that UseCommsPlan registers on every SQLite connection
    /// (SqliteSearchKeyFunction): the keys equal what a save would write.
    /// </summary>
    public partial class AddSearchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "Difficulties",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "Commendations",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "AuditEntries",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "Agencies",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "Activities",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""
                UPDATE "Activities" SET "SearchKey" = commsplan_search_key("Title", "Description", "Notes");
                UPDATE "Commendations" SET "SearchKey" = commsplan_search_key("Recipient", "Achievement");
                UPDATE "Difficulties" SET "SearchKey" = commsplan_search_key("Title", "Content", "Answer");
                UPDATE "Agencies" SET "SearchKey" = commsplan_search_key("Code", "Name");
                UPDATE "AspNetUsers" SET "SearchKey" = commsplan_search_key("UserName", "FullName");
                UPDATE "AuditEntries" SET "SearchKey" = commsplan_search_key("UserName");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchKey",
                table: "Difficulties");

            migrationBuilder.DropColumn(
                name: "SearchKey",
                table: "Commendations");

            migrationBuilder.DropColumn(
                name: "SearchKey",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "SearchKey",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "SearchKey",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "SearchKey",
                table: "Activities");
        }
    }
}
