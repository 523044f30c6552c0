using CommsPlan.Core.Access;
using CommsPlan.Core.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommsPlan.Dashboard.Endpoints.Api;

/// <summary>The agencies a token may read, by code: what every other resource names them by.</summary>
internal static class AgencyApi
{
    public const string Tag = "Đơn vị";

    public static RouteGroupBuilder MapAgencyApi(this RouteGroupBuilder api)
    {
        api.MapGet("/agencies", ListAsync)
            .WithName("ListAgencies")
            .WithSummary("Danh sách cơ quan, đơn vị")
            .WithDescription("Các cơ quan, đơn vị trong phạm vi của mã truy cập, theo nhóm báo cáo rồi thứ tự trong danh mục: mã (dùng ở các tài "
                + "nguyên khác, ví dụ BAOTN), tên, loại, nhóm, còn hoạt động hay không và mã đơn vị kế thừa sau khi sáp nhập. Mã truy cập của tỉnh "
                + "thấy mọi cơ quan, đơn vị (kể cả đã ngừng hoạt động); mã truy cập của một cơ quan, đơn vị chỉ thấy chính đơn vị đó, như trên các trang.")
            .WithTags(Tag);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ApiAgency>>> ListAsync(HttpContext context, AgencyDirectory agencies, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<ApiAgency>>([.. (await agencies.ListAsync(context.User.ToCurrentUser(), ct)).Select(ApiAgency.From)]);
}
