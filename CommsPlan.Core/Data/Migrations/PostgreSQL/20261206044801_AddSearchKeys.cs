using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommsPlan.Core.Data.Migrations.PostgreSQL
{
    /// <summary>
    /// The search keys of every searchable record (docs/decisions/0014-vietnamese-search.md), filled for the rows that
    /// exist by a temporary SQL function that takes TextFolding.Fold's steps in the same order: decompose (NFD), drop the
    /// combining marks, Đ/đ/Ð as d, lower case, runs of white space as one space, trimmed; texts joined by a line break,
    /// empty ones left out (TextSearch.KeyOf). Exact for ASCII and every Vietnamese letter whatever the server's locale;
    /// lower() of other letters follows the database's locale, and a row's next save rewrites its key in .NET anyway.
    /// The keys are filled before their trigram indexes are built, so the index is built once, not row by row.
    /// </summary>
    public partial class AddSearchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "Difficulties",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "Commendations",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "AuditEntries",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "AspNetUsers",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "Agencies",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchKey",
                table: "Activities",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""
                CREATE FUNCTION pg_temp.commsplan_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $fold$
                  SELECT NULLIF(btrim(regexp_replace(
                    lower(translate(
                      regexp_replace(normalize(coalesce(t, ''), NFD), '[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]', '', 'g'),
                      'ĐđÐ', 'ddd')),
                    '[\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+', ' ', 'g'), ' '), '')
                $fold$;
                UPDATE "Activities" SET "SearchKey" = concat_ws(E'\n', pg_temp.commsplan_fold("Title"), pg_temp.commsplan_fold("Description"), pg_temp.commsplan_fold("Notes"));
                UPDATE "Commendations" SET "SearchKey" = concat_ws(E'\n', pg_temp.commsplan_fold("Recipient"), pg_temp.commsplan_fold("Achievement"));
                UPDATE "Difficulties" SET "SearchKey" = concat_ws(E'\n', pg_temp.commsplan_fold("Title"), pg_temp.commsplan_fold("Content"), pg_temp.commsplan_fold("Answer"));
                UPDATE "Agencies" SET "SearchKey" = concat_ws(E'\n', pg_temp.commsplan_fold("Code"), pg_temp.commsplan_fold("Name"));
                UPDATE "AspNetUsers" SET "SearchKey" = concat_ws(E'\n', pg_temp.commsplan_fold("UserName"), pg_temp.commsplan_fold("FullName"));
                UPDATE "AuditEntries" SET "SearchKey" = concat_ws(E'\n', pg_temp.commsplan_fold("UserName"));
                DROP FUNCTION pg_temp.commsplan_fold(text);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Difficulties_SearchKey",
                table: "Difficulties",
                column: "SearchKey")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Commendations_SearchKey",
                table: "Commendations",
                column: "SearchKey")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SearchKey",
                table: "AuditEntries",
                column: "SearchKey")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_SearchKey",
                table: "AspNetUsers",
                column: "SearchKey")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_SearchKey",
                table: "Agencies",
                column: "SearchKey")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_SearchKey",
                table: "Activities",
                column: "SearchKey")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Difficulties_SearchKey",
                table: "Difficulties");

            migrationBuilder.DropIndex(
                name: "IX_Commendations_SearchKey",
                table: "Commendations");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_SearchKey",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_SearchKey",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_Agencies_SearchKey",
                table: "Agencies");

            migrationBuilder.DropIndex(
                name: "IX_Activities_SearchKey",
                table: "Activities");

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

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
