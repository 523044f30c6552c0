using CommsPlan.Core.Access;
using CommsPlan.Core.Activities.Import;

namespace CommsPlan.Dashboard.Endpoints;

internal static class ActivityEndpoints
{
    private const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>`GET /api/activities/template.xlsx`: the empty import workbook with the current catalogue; any signed-in CommsPlan role.</summary>
    public static void MapActivityEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/activities/template.xlsx", async (ActivityImporter importer, CancellationToken ct) =>
                TypedResults.File(await importer.CreateTemplateAsync(ct), XlsxContentType, "Mau-nhap-hoat-dong.xlsx"))
            .RequireAuthorization(Policies.SignedIn);
}
