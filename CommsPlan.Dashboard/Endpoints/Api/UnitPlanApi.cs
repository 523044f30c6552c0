using CommsPlan.Core.Access;
using CommsPlan.Core.Api;
using CommsPlan.Core.Common;
using CommsPlan.Core.Plans;
using CommsPlan.Core.UnitPlans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommsPlan.Dashboard.Endpoints.Api;

/// <summary>
/// Unit plans (the agencies' own plans under NV1) and their targets: read in the caller's scope, and an agency's token
/// with the write scope records its own through <see cref="UnitPlanService.SaveAsync(CurrentUser, int, UnitPlanInput, int?, CancellationToken)"/>,
/// the editor's one save path and validator.
/// </summary>
internal static class UnitPlanApi
{
    public const string Tag = "Kế hoạch của đơn vị";

    public static RouteGroupBuilder MapUnitPlanApi(this RouteGroupBuilder api)
    {
        api.MapGet("/unit-plans", ListAsync)
            .WithName("ListUnitPlans")
            .WithSummary("Tình hình ban hành kế hoạch của các đơn vị")
            .WithDescription("Mỗi cơ quan, đơn vị phải xây dựng kế hoạch của đơn vị (nhiệm vụ NV1) trong phạm vi của mã truy cập, với trạng thái so "
                + "với thời hạn (OnTime: đúng hạn, Late: trễ hạn, Missing: chưa ban hành, NotDue: chưa đến hạn) và, khi đã có, số văn bản, ngày ban "
                + "hành, đường dẫn và chỉ tiêu theo hình thức. Tham số plan=YYYY chọn năm kế hoạch (mặc định: kế hoạch đang thực hiện).")
            .WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/unit-plans/{agencyCode}", GetAsync)
            .WithName("GetUnitPlan")
            .WithSummary("Kế hoạch của một đơn vị")
            .WithDescription("Kế hoạch của đơn vị có mã agencyCode trong năm kế hoạch plan=YYYY (mặc định: kế hoạch đang thực hiện): số văn bản, "
                + "ngày ban hành, đường dẫn, ghi chú, trạng thái và chỉ tiêu theo hình thức. Tiêu đề ETag mang phiên bản để gửi lại trong If-Match "
                + "khi sửa. Đơn vị ngoài phạm vi của mã truy cập, hoặc chưa có kế hoạch, trả 404.")
            .WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPut("/unit-plans/mine", SaveMineAsync)
            .WithName("SaveMyUnitPlan")
            .WithSummary("Ghi kế hoạch của đơn vị mình")
            .WithDescription("Mã truy cập có quyền ghi của một cơ quan, đơn vị ghi kế hoạch của chính đơn vị trong năm kế hoạch plan=YYYY: số văn bản, "
                + "ngày ban hành (yyyy-MM-dd, trong năm kế hoạch và không sau hôm nay), đường dẫn, ghi chú và toàn bộ chỉ tiêu theo mã hình thức "
                + "(hình thức không gửi hoặc chỉ tiêu 0 thì không còn chỉ tiêu). Lần đầu trả 201; khi đơn vị đã có kế hoạch phải gửi If-Match với "
                + "ETag đã đọc: thiếu trả 428, phiên bản cũ trả 412 kèm người sửa. Dữ liệu sai trả 422 với thông báo của từng trường như trên biểu mẫu.")
            .WithTags(Tag)
            .Accepts<ApiUnitPlanInput>("application/json")
            .RequireAuthorization(ApiPolicies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<Ok<ApiUnitPlanList>> ListAsync(HttpContext context, PlanService plans, UnitPlanService unitPlans,
        string? plan, CancellationToken ct)
    {
        var year = (await ApiInputs.PlanAsync(plans, plan, ct)).Year;
        var overview = await unitPlans.GetOverviewAsync(context.User.ToCurrentUser(), year, ct);
        return TypedResults.Ok(ApiUnitPlanList.From(year, overview));
    }

    private static async Task<Ok<ApiUnitPlan>> GetAsync(HttpContext context, PlanService plans, UnitPlanService unitPlans,
        AgencyDirectory agencies, string agencyCode, string? plan, CancellationToken ct)
    {
        var user = context.User.ToCurrentUser();
        var year = (await ApiInputs.PlanAsync(plans, plan, ct)).Year;
        var agency = await ApiInputs.AgencyAsync(agencies, user, agencyCode, "agencyCode", ct);
        var details = await unitPlans.FindForAgencyAsync(user, agency.Id, year, ct)
            ?? throw new NotFoundException($"{agency.Name} chưa có kế hoạch của đơn vị năm {year}.");
        ApiInputs.SetETag(context.Response, details.Version);
        return TypedResults.Ok(ApiUnitPlan.From(year, agency.Code, details));
    }

    private static async Task<Results<Ok<ApiUnitPlan>, Created<ApiUnitPlan>, ProblemHttpResult>> SaveMineAsync(
        HttpContext context, PlanService plans, UnitPlanService unitPlans, AgencyDirectory agencies, string? plan, CancellationToken ct)
    {
        var user = context.User.ToCurrentUser();
        var year = (await ApiInputs.PlanAsync(plans, plan, ct)).Year;
        var agency = await ApiInputs.OwnAgencyAsync(agencies, user, ct);
        var body = await ApiInputs.JsonBodyAsync<ApiUnitPlanInput>(context, ct)
            ?? throw ApiInputs.Invalid("body", "Thiếu nội dung: gửi kế hoạch của đơn vị dạng JSON (documentNumber, issuedOn, link, notes, targets).");
        var current = await unitPlans.FindForAgencyAsync(user, agency.Id, year, ct);
        var version = ApiInputs.IfMatch(context.Request);
        if (current is not null && version is null)
        {
            return TypedResults.Problem(
                $"Đơn vị đã có kế hoạch năm {year} (phiên bản {current.Version}): gửi tiêu đề If-Match với ETag nhận được khi đọc "
                + $"{ApiV1.Prefix}/unit-plans/{agency.Code}?plan={year}, để không ghi đè thay đổi của người khác.",
                statusCode: StatusCodes.Status428PreconditionRequired, title: "Thiếu If-Match");
        }
        var catalogue = await plans.GetPlanAsync(year, ct) ?? throw new NotFoundException($"Không có kế hoạch năm {year} đã ban hành (tham số plan).");
        var saved = await unitPlans.SaveAsync(user, agency.Id, body.ToInput(catalogue, version ?? 0), year, ct);
        ApiInputs.SetETag(context.Response, saved.Version);
        var result = ApiUnitPlan.From(year, agency.Code, saved);
        return current is null
            ? TypedResults.Created($"{ApiV1.Prefix}/unit-plans/{Uri.EscapeDataString(agency.Code)}?plan={year}", result)
            : TypedResults.Ok(result);
    }
}
