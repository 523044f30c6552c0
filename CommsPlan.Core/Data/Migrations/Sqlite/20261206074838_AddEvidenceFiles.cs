using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommsPlan.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddEvidenceFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EvidenceFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ActivityId = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitPlanId = table.Column<int>(type: "INTEGER", nullable: true),
                    CommendationId = table.Column<int>(type: "INTEGER", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 208, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    HasThumbnail = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceFiles", x => x.Id);
                    table.CheckConstraint("CK_EvidenceFiles_OneOwner", "(CASE WHEN \"ActivityId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"UnitPlanId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"CommendationId\" IS NULL THEN 0 ELSE 1 END) = 1");
                    table.ForeignKey(
                        name: "FK_EvidenceFiles_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvidenceFiles_Commendations_CommendationId",
                        column: x => x.CommendationId,
                        principalTable: "Commendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvidenceFiles_UnitPlans_UnitPlanId",
                        column: x => x.UnitPlanId,
                        principalTable: "UnitPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceContents",
                columns: table => new
                {
                    EvidenceFileId = table.Column<int>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Thumbnail = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceContents", x => x.EvidenceFileId);
                    table.ForeignKey(
                        name: "FK_EvidenceContents_EvidenceFiles_EvidenceFileId",
                        column: x => x.EvidenceFileId,
                        principalTable: "EvidenceFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_ActivityId",
                table: "EvidenceFiles",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_CommendationId",
                table: "EvidenceFiles",
                column: "CommendationId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_UnitPlanId",
                table: "EvidenceFiles",
                column: "UnitPlanId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvidenceContents");

            migrationBuilder.DropTable(
                name: "EvidenceFiles");
        }
    }
}
