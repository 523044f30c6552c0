using CommsPlan.Core.Access;
using CommsPlan.Core.Api;
using CommsPlan.Core.Plans;
using CommsPlan.Core.ReportingCycle;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommsPlan.Dashboard.Endpoints.Api;

/// <summary>
/// Period reports (Báo cáo định kỳ): read in the caller's scope, and submitted by an agency's token with the write
/// scope through <see cref="PeriodReportService"/>, whose rules decide as they do for the officer's button.
/// </summary>
internal static class PeriodReportApi
{
    public const string Tag = "Báo cáo định kỳ";

    public static RouteGroupBuilder MapPeriodReportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/period-reports", ListAsync)
            .WithName("ListPeriodReports")
            .WithSummary("Báo cáo định kỳ của năm kế hoạch")
            .WithDescription("Báo cáo theo từng quý (Nghị định 09/2019: Quý I từ 15/12 năm trước đến 14/3) của các cơ quan, đơn vị trong phạm vi "
                + "của mã truy cập (mã của tỉnh: mọi đơn vị đang hoạt động; mã của một đơn vị: chính đơn vị đó): mã kỳ, trạng thái (NotSent: chưa "
                + "gửi, Submitted: đã gửi, SentBack: trả lại, Accepted: đã duyệt), hạn gửi, ngày gửi, ngày duyệt, đúng hạn hay không và phiên bản. "
                + "Tham số plan=YYYY chọn năm kế hoạch (mặc định: kế hoạch đang thực hiện).")
            .WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/period-reports/{periodKey}/submit", SubmitAsync)
            .WithName("SubmitPeriodReport")
            .WithSummary("Gửi báo cáo định kỳ của đơn vị mình")
            .WithDescription("Mã truy cập có quyền ghi của một cơ quan, đơn vị gửi báo cáo quý periodKey (ví dụ 2021-Q3) của chính đơn vị, kèm nhận "
                + "xét (commentary, không bắt buộc). Gửi được khi báo cáo chưa gửi hoặc bị trả lại và kỳ đã đến ngày chốt số liệu; nếu không trả "
                + "409 với lý do. Sau khi gửi, các hoạt động của đơn vị trong kỳ bị khóa đến khi Văn phòng trả lại. If-Match (phiên bản đã đọc) "
                + "không bắt buộc; nếu gửi mà báo cáo đã đổi thì trả 412.")
            .WithTags(Tag)
            .Accepts<ApiPeriodReportSubmission>(isOptional: true, "application/json")
            .RequireAuthorization(ApiPolicies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<Ok<ApiPeriodReportList>> ListAsync(HttpContext context, PlanService plans, PeriodReportService reports,
        string? plan, CancellationToken ct)
    {
        var year = (await ApiInputs.PlanAsync(plans, plan, ct)).Year;
        return TypedResults.Ok(ApiPeriodReportList.From(await reports.GetBoardAsync(context.User.ToCurrentUser(), year, ct)));
    }

    private static async Task<Ok<ApiPeriodReport>> SubmitAsync(HttpContext context, PeriodReportService reports, AgencyDirectory agencies,
        string periodKey, CancellationToken ct)
    {
        var user = context.User.ToCurrentUser();
        var period = ApiInputs.ReportPeriod(periodKey);
        var agency = await ApiInputs.OwnAgencyAsync(agencies, user, ct);
        var body = await ApiInputs.JsonBodyAsync<ApiPeriodReportSubmission>(context, ct);
        // Without If-Match the report as it stands is submitted: the transition's own rule (not sent or sent back) guards it.
        var version = ApiInputs.IfMatch(context.Request) ?? (await reports.GetAsync(user, agency.Id, period.Key, ct)).Report.Version;
        var submitted = await reports.SubmitAsync(user, agency.Id, period.Key, body?.Commentary, version, ct);
        ApiInputs.SetETag(context.Response, submitted.Report.Version);
        return TypedResults.Ok(ApiPeriodReport.Of(submitted));
    }
}
