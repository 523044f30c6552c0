using CommsPlan.Core.Api;
using CommsPlan.Core.Common;
using CommsPlan.Core.Plans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommsPlan.Dashboard.Endpoints.Api;

/// <summary>The issued plans and a plan year's catalogue: what another system needs to name channels, objectives and themes.</summary>
internal static class PlanApi
{
    public const string Tag = "Kế hoạch";

    public static RouteGroupBuilder MapPlanApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plans", ListAsync)
            .WithName("ListPlans")
            .WithSummary("Danh sách kế hoạch đã ban hành")
            .WithDescription("Các kế hoạch năm đã ban hành, mới nhất trước: năm, số kế hoạch, trích yếu, ngày ban hành, thời gian thực hiện và "
                + "trạng thái hôm nay (Upcoming: sắp thực hiện, Running: đang thực hiện, Finished: đã kết thúc). Dự thảo không được cung cấp.")
            .WithTags(Tag);

        api.MapGet("/plans/{year:int}/catalogue", CatalogueAsync)
            .WithName("GetPlanCatalogue")
            .WithSummary("Danh mục của một kế hoạch năm")
            .WithDescription("Mục đích, nội dung tuyên truyền, nhóm hình thức với các hình thức (kênh) tuyên truyền và nhiệm vụ (thời hạn, loại "
                + "cơ quan phải thực hiện) của kế hoạch năm đã ban hành, theo thứ tự của kế hoạch. Mã dùng như khi nhập từ Excel: mục đích và nội "
                + "dung theo code (MD1) hoặc displayCode (MĐ1), hình thức theo code (BAO). Năm chưa có kế hoạch ban hành (kể cả dự thảo) trả 404.")
            .WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ApiPlan>>> ListAsync(PlanService plans, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<ApiPlan>>([.. (await plans.ListIssuedAsync(ct)).Select(ApiPlan.From)]);

    private static async Task<Ok<ApiCatalogue>> CatalogueAsync(int year, PlanService plans, CancellationToken ct)
    {
        var plan = await plans.GetPlanAsync(year, ct)
            ?? throw new NotFoundException($"Không có kế hoạch năm {year} đã ban hành (tham số year). Danh sách kế hoạch: {ApiV1.Prefix}/plans.");
        return TypedResults.Ok(ApiCatalogue.From(plan));
    }
}
