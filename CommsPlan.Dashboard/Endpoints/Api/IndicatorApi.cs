using CommsPlan.Core.Access;
using CommsPlan.Core.Api;
using CommsPlan.Core.Common;
using CommsPlan.Core.Plans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommsPlan.Dashboard.Endpoints.Api;

/// <summary>The period's indicators (<see cref="IndicatorService"/>): the overview's and the workbook's figures, as data.</summary>
internal static class IndicatorApi
{
    public const string Tag = "Chỉ số";

    public static RouteGroupBuilder MapIndicatorApi(this RouteGroupBuilder api)
    {
        api.MapGet("/indicators", GetAsync)
            .WithName("GetIndicators")
            .WithSummary("Chỉ số của kỳ báo cáo")
            .WithDescription("Các chỉ số của kỳ, đúng bằng số liệu của trang tổng quan và biểu Tổng hợp của báo cáo Excel cho cùng kỳ và phạm vi: "
                + "chỉ số chính (số hoạt động, tin bài, hội nghị và người tham dự, tài liệu, tờ rơi, pano, kinh phí, đơn vị có hoạt động, kế hoạch "
                + "đơn vị đúng hạn…), số liệu theo nhóm hình thức và từng hình thức, theo từng cơ quan, đơn vị (kèm tiến độ so với chỉ tiêu và báo "
                + "cáo định kỳ) và tình hình gửi báo cáo quý. Chọn kỳ bằng period (2021-Q1, 2021-H1, 2021-9M, 2021-Y, 2021-CQ1, 2021-M03) hoặc "
                + "from, to (yyyy-MM-dd); plan=YYYY chọn năm kế hoạch (mặc định: kế hoạch chứa ngày cuối kỳ); agency=MÃ thu hẹp về một đơn vị. "
                + "Mã truy cập của tỉnh đọc toàn tỉnh và mọi đơn vị; mã của một đơn vị đọc đơn vị mình, kèm chỉ số chính toàn tỉnh.")
            .WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<Ok<ApiIndicators>> GetAsync(HttpContext context, PlanService plans, IndicatorService indicators,
        TimeProvider time, string? plan, string? period, string? from, string? to, string? agency, CancellationToken ct)
    {
        // A year named must have an issued plan; without one the figures are of the plan the workbook would pick.
        int? planYear = ApiInputs.Year(plan) is null ? null : (await ApiInputs.PlanAsync(plans, plan, ct)).Year;
        var chosen = ApiInputs.Period(period, from, to, time.Today(), planYear ?? await plans.GetPlanYearAsync(ct));
        return TypedResults.Ok(await indicators.GetAsync(context.User.ToCurrentUser(), chosen, planYear, agency, ct));
    }
}
