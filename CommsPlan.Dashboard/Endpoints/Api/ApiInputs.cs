using System.Globalization;
using System.Text.Json;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Plans;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CommsPlan.Dashboard.Endpoints.Api;

/// <summary>
/// The query parameters, headers and bodies the read-and-report endpoints share, read one way: a malformed value is a
/// 422 naming the parameter, a well-formed one naming nothing that exists (a plan year without an issued plan) a 404
/// saying which parameter. Both are thrown as Core's exceptions, so <see cref="ApiErrors"/> answers them like any other.
/// </summary>
internal static class ApiInputs
{
    /// <summary>
    /// The issued plan <c>plan=YYYY</c> names, or the current plan when the parameter is absent (as every page opens);
    /// a draft is never served.
    /// </summary>
    public static async Task<PlanChoice> PlanAsync(PlanService plans, string? plan, CancellationToken ct)
    {
        var year = Year(plan);
        var choices = await plans.GetChoicesAsync(ct);
        if (year is null) return choices.Current ?? throw new NotFoundException("Chưa có kế hoạch nào đã ban hành.");
        return choices.Issued.FirstOrDefault(p => p.Year == year)
            ?? throw new NotFoundException($"Không có kế hoạch năm {year} đã ban hành (tham số plan). Danh sách kế hoạch: {ApiV1.Prefix}/plans.");
    }

    /// <summary><c>plan=YYYY</c> as a year, null when absent; a malformed year is refused.</summary>
    public static int? Year(string? plan) =>
        ConsolidatedReportRequest.TryPlanYear(plan, out var year, out var error) ? year : throw Invalid("plan", error);

    /// <summary>
    /// The period <c>period=&lt;key&gt;</c> names (2021-Q1, 2021-H1, 2021-9M, 2021-Y, 2021-CQ1, 2021-M03), or the days
    /// <c>from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c> (named after the period they are exactly, as the workbook names them);
    /// without either, the period the overview opens on for the plan year.
    /// </summary>
    public static ReportingPeriod Period(string? period, string? from, string? to, DateOnly today, int planYear)
    {
        var hasRange = !string.IsNullOrWhiteSpace(from) || !string.IsNullOrWhiteSpace(to);
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (hasRange) throw Invalid("period", "Chỉ dùng period hoặc cặp from, to để chọn kỳ, không dùng cả hai.");
            return ReportingPeriods.TryParse(period, out var named) ? named
                : throw Invalid("period", $"Kỳ «{period.Trim()}» không hợp lệ; dùng mã kỳ như 2021-Q1 (quý), 2021-H1 (6 tháng), 2021-9M (9 tháng), "
                    + "2021-Y (cả năm), 2021-CQ1 (quý dương lịch) hoặc 2021-M03 (tháng).");
        }
        if (!hasRange) return ReportingPeriods.DefaultFor(today, planYear);
        var start = Date("from", from, "ngày bắt đầu");
        var end = Date("to", to, "ngày kết thúc");
        if (end < start) throw Invalid("to", "Ngày kết thúc (to) phải bằng hoặc sau ngày bắt đầu (from).");
        if (start.Year < 2000 || end.Year > 2100) throw Invalid("from", "Kỳ báo cáo phải nằm trong khoảng năm 2000 – 2100.");
        return ConsolidatedReportRequest.PeriodFor(start, end);
    }

    /// <summary>A Decree 09 quarter's key in a route (<c>2021-Q1</c>): the only periods agencies report on.</summary>
    public static ReportingPeriod ReportPeriod(string periodKey) =>
        PeriodReportRules.Find(periodKey)
        ?? throw new NotFoundException($"Không có kỳ báo cáo «{periodKey}» (tham số periodKey); dùng mã quý như 2021-Q1.");

    /// <summary>The agency a route or a parameter names, when the caller may read it; not found otherwise, naming the parameter.</summary>
    public static async Task<AgencyListing> AgencyAsync(AgencyDirectory agencies, CurrentUser user, string code, string parameter,
        CancellationToken ct) =>
        await agencies.FindAsync(user, code, ct)
        ?? throw new NotFoundException($"Không có cơ quan, đơn vị mã «{code.Trim()}» trong phạm vi được xem (tham số {parameter}).");

    /// <summary>The caller's own agency: what an agency token writes for.</summary>
    public static async Task<AgencyListing> OwnAgencyAsync(AgencyDirectory agencies, CurrentUser user, CancellationToken ct) =>
        user.IsOfficer && (await agencies.ListAsync(user, ct)).FirstOrDefault(a => a.Id == user.AgencyId) is { } own
            ? own
            : throw new AccessDeniedException("Chỉ mã truy cập của một cơ quan, đơn vị mới ghi dữ liệu của đơn vị mình.");

    /// <summary>The version an <c>If-Match</c> header carries ("3", W/"3" or 3); null when absent. A value that is no version matches nothing.</summary>
    public static long? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0) return null;
        if (header.StartsWith("W/", StringComparison.Ordinal)) header = header[2..];
        return long.TryParse(header.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;
    }

    /// <summary>The ETag of a version, as <see cref="IfMatch"/> reads it back.</summary>
    public static void SetETag(HttpResponse response, long version) =>
        response.Headers[HeaderNames.ETag] = string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    /// <summary>
    /// The JSON body as <typeparamref name="T"/>, with the app's JSON settings; null for an empty body. A body that is
    /// not JSON, or a field of the wrong type, is refused naming the field.
    /// </summary>
    public static async Task<T?> JsonBodyAsync<T>(HttpContext context, CancellationToken ct) where T : class
    {
        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length == 0) return null;
        buffer.Position = 0;
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(buffer, options, ct);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            throw Invalid(field, field == "body"
                ? "Nội dung gửi lên không phải JSON hợp lệ."
                : $"Giá trị của trường {field} không đúng kiểu (ngày dạng yyyy-MM-dd, số nguyên, chuỗi…).");
        }
    }

    public static ValidationException Invalid(string parameter, string message) => new([new ValidationFailure(parameter, message)]);

    private static DateOnly Date(string parameter, string? text, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Invalid(parameter, $"Thiếu {label} ({parameter}) của kỳ, định dạng yyyy-MM-dd.");
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Invalid(parameter, $"Giá trị {label} «{text.Trim()}» không hợp lệ; dùng định dạng yyyy-MM-dd, ví dụ 2021-03-14.");
    }
}
