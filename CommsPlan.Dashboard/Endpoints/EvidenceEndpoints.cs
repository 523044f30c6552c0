using CommsPlan.Core.Access;
using CommsPlan.Core.Evidence;

namespace CommsPlan.Dashboard.Endpoints;

internal static class EvidenceEndpoints
{
    public const string Path = "/api/evidence";

    /// <summary>The download link of an evidence file.</summary>
    public static string FileUrl(int id) => $"{Path}/{id}";

    /// <summary>The link of an image's thumbnail.</summary>
    public static string ThumbnailUrl(int id) => $"{Path}/{id}/thumbnail";

    /// <summary>
    /// `GET /api/evidence/{id}`: the file as stored, always as an attachment (never shown inline, so no uploaded file
    /// runs in the app's origin), with its stored type and its original name (RFC 5987 <c>filename*</c> for Vietnamese
    /// names). `GET /api/evidence/{id}/thumbnail`: an image's JPEG thumbnail, shown inline. Both only to users who may
    /// read the file's record (Core decides, as for the record's page); anyone else gets 404, as for a file that does
    /// not exist, so ids cannot be probed.
    /// </summary>
    public static void MapEvidenceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path + "/{id:int}", (HttpContext context, EvidenceService evidence, int id, CancellationToken ct) =>
                SendAsync(context, evidence, id, thumbnail: false, ct))
            .RequireAuthorization(Policies.SignedIn);
        app.MapGet(Path + "/{id:int}/thumbnail", (HttpContext context, EvidenceService evidence, int id, CancellationToken ct) =>
                SendAsync(context, evidence, id, thumbnail: true, ct))
            .RequireAuthorization(Policies.SignedIn);
    }

    private static async Task<IResult> SendAsync(HttpContext context, EvidenceService evidence, int id, bool thumbnail, CancellationToken ct)
    {
        var file = await evidence.OpenAsync(context.User.ToCurrentUser(), id, thumbnail, ct);
        if (file is null) return TypedResults.NotFound();
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // Private to the signed-in user; a thumbnail may be kept by the browser for a while (files never change).
        headers.CacheControl = thumbnail ? "private, max-age=3600" : "private, no-store";
        if (thumbnail) return TypedResults.File(file.Bytes, file.ContentType);
        // TypedResults.File writes Content-Disposition: attachment; filename="ASCII fallback"; filename*=UTF-8''… (RFC 5987).
        return TypedResults.File(file.Bytes, file.ContentType, file.FileName);
    }
}
