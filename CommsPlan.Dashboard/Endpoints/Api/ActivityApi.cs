using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Api;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using L = CommsPlan.Core.Activities.ActivityInputValidator.Labels;

namespace CommsPlan.Dashboard.Endpoints.Api;

/// <summary>
/// /api/v1/activities: list, read, record, change and delete the caller's activities through Core's
/// <see cref="ActivityApiService"/> (the pages' service, validator and scope). A record's version travels as its ETag
/// and must come back as If-Match on a change; a create may carry an Idempotency-Key so a retry creates nothing twice.
/// </summary>
public static partial class ActivityApi
{
    public const string Path = ApiV1.Prefix + "/activities";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";

    /// <summary>An activity's JSON is a few kilobytes at most (its longest text is 4,000 characters).</summary>
    public const int MaxBodyBytes = 256 * 1024;

    private const string JsonContentType = "application/json; charset=utf-8";

    public static RouteGroupBuilder MapActivityApi(this RouteGroupBuilder api)
    {
        // Mapped on the API's group itself, not a nested one: a nested group's "" route would read "/activities/".
        var errors = new ActivityApiErrors();
        RouteHandlerBuilder Map(Func<string, Delegate, RouteHandlerBuilder> map, string pattern, Delegate handler) =>
            map("/activities" + pattern, handler).WithTags("Hoạt động").AddEndpointFilter(errors);

        Map(api.MapGet, "", ListAsync)
            .WithName("ListActivities")
            .WithSummary("Danh sách hoạt động")
            .WithDescription("Các hoạt động của một năm kế hoạch (mặc định là kế hoạch hiện hành) với các bộ lọc của trang Hoạt động, "
                + "theo mã như tệp Excel: agency (mã đơn vị), group, channel, objective, theme, from/to (yyyy-MM-dd), q (tìm trong tên, "
                + "mô tả, ghi chú), sort (date, title, agency, channel, quantity, cost, updated; thêm - để giảm dần), page (từ 1) và "
                + "pageSize (1–500). Mã truy cập của đơn vị chỉ thấy hoạt động của đơn vị mình; mã của tỉnh thấy mọi đơn vị. "
                + "totalCount là tổng số hoạt động khớp bộ lọc.")
            .Produces<ActivityApiPage>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        Map(api.MapGet, "/{id:int}", GetAsync)
            .WithName("GetActivity")
            .WithSummary("Xem một hoạt động")
            .WithDescription("Hoạt động theo số hiệu; tiêu đề ETag mang phiên bản của nó, cần gửi lại trong If-Match khi sửa hoặc xóa.")
            .Produces<ActivityApiModel>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        Map(api.MapGet, "/by-external-id/{externalId}", GetByExternalIdAsync)
            .WithName("GetActivityByExternalId")
            .WithSummary("Xem hoạt động theo mã ở hệ thống nguồn")
            .WithDescription("Hoạt động mà đơn vị đã ghi nhận với externalId này. Mã truy cập của tỉnh cần thêm tham số agency (mã đơn vị).")
            .Produces<ActivityApiModel>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        Map(api.MapPost, "", CreateAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .WithName("CreateActivity")
            .WithSummary("Ghi nhận hoạt động")
            .WithDescription("Ghi nhận một hoạt động của đơn vị sở hữu mã truy cập, với cùng quy tắc như biểu mẫu trên trang: năm kế hoạch "
                + "theo ngày thực hiện (hoặc trường plan), các mã hình thức, mục đích, nội dung của kế hoạch năm đó. Trả về 201 cùng hoạt động "
                + "và tiêu đề Location. Gửi kèm tiêu đề Idempotency-Key (tối đa 200 ký tự) để gửi lại an toàn: trong 24 giờ, yêu cầu lặp lại "
                + "với cùng khóa và cùng nội dung nhận lại đúng câu trả lời đầu tiên (kèm Idempotency-Replayed: true) mà không tạo thêm hoạt "
                + "động; cùng khóa với nội dung khác bị từ chối (422). externalId trùng với hoạt động đã có của đơn vị bị từ chối (409, kèm "
                + "existingId).")
            .Accepts<ActivityApiInput>("application/json")
            .Produces<ActivityApiModel>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        Map(api.MapPut, "/{id:int}", UpdateAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .WithName("UpdateActivity")
            .WithSummary("Sửa hoạt động")
            .WithDescription("Thay các trường của hoạt động bằng nội dung gửi lên (như khi lưu biểu mẫu). Bắt buộc tiêu đề If-Match với "
                + "ETag đã đọc: thiếu thì trả 428, phiên bản đã cũ thì trả 412 kèm người và thời điểm sửa gần nhất. Bỏ trống externalId thì "
                + "giữ mã hiện có. Kỳ báo cáo đã nộp thì không sửa được (409).")
            .DeclaresUpdate();

        Map(api.MapPut, "/by-external-id/{externalId}", UpdateByExternalIdAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .WithName("UpdateActivityByExternalId")
            .WithSummary("Sửa hoạt động theo mã ở hệ thống nguồn")
            .WithDescription("Như sửa hoạt động, cho hoạt động mà đơn vị đã ghi nhận với externalId này (404 nếu chưa có): hệ thống nguồn "
                + "cập nhật hoạt động nó đã tạo mà không cần lưu số hiệu. Bắt buộc If-Match như khi sửa theo số hiệu.")
            .DeclaresUpdate();

        Map(api.MapDelete, "/{id:int}", DeleteAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .WithName("DeleteActivity")
            .WithSummary("Xóa hoạt động")
            .WithDescription("Xóa hoạt động nếu nó vẫn ở phiên bản gửi trong If-Match (bắt buộc: thiếu thì 428, đã cũ thì 412). "
                + "Kỳ báo cáo đã nộp thì không xóa được (409). Trả về 204.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        return api;
    }

    /// <summary>What both updates (by id and by external id) take and may answer, for the OpenAPI document.</summary>
    private static RouteHandlerBuilder DeclaresUpdate(this RouteHandlerBuilder endpoint) => endpoint
        .Accepts<ActivityApiInput>("application/json")
        .Produces<ActivityApiModel>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired)
        .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>Where an activity is read: the Location of a create.</summary>
    public static string LocationOf(int id) => $"{Path}/{id.ToString(CultureInfo.InvariantCulture)}";

    private static async Task<IResult> ListAsync(HttpContext context, [AsParameters] ActivityApiQuery query, ActivityApiService api,
        CancellationToken ct) =>
        TypedResults.Ok(await api.ListAsync(context.User.ToCurrentUser(), query, ct));

    private static async Task<IResult> GetAsync(int id, HttpContext context, ActivityApiService api, CancellationToken ct) =>
        WithETag(context, await api.GetAsync(context.User.ToCurrentUser(), id, ct));

    private static async Task<IResult> GetByExternalIdAsync(string externalId, string? agency, HttpContext context, ActivityApiService api,
        CancellationToken ct)
    {
        var user = context.User.ToCurrentUser();
        var id = await api.FindIdByExternalIdAsync(user, Unescaped(externalId), agency, ct);
        return WithETag(context, await api.GetAsync(user, id, ct));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ActivityApiService api, IdempotencyService idempotency,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var user = context.User.ToCurrentUser();
        var body = await ReadBodyAsync(context, ct);
        string? key = context.Request.Headers[IdempotencyKeyHeader];
        if (key is null) return await CreatedAsync(context, api, user, body, json.Value.SerializerOptions, reservation: null, idempotency, ct);

        key = key.Trim();
        if (key.Length is 0 or > ApiTokenLimits.IdempotencyKeyMaxLength)
            return ApiErrors.Problem(StatusCodes.Status400BadRequest, "Idempotency-Key không hợp lệ",
                $"Idempotency-Key phải có từ 1 đến {ApiTokenLimits.IdempotencyKeyMaxLength} ký tự, ví dụ một UUID mới cho mỗi hoạt động.");
        var token = (ApiToken)context.Items[typeof(ApiToken)]!;
        var hash = IdempotencyService.RequestHash(context.Request.Method, context.Request.PathBase + context.Request.Path, body);
        var start = await idempotency.BeginAsync(token.Id, key, hash, ct);
        switch (start.Kind)
        {
            case IdempotencyStart.Outcome.Replay:
                return Replayed(context, start.Answer!);
            case IdempotencyStart.Outcome.KeyReused:
                return ApiErrors.Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key đã được dùng",
                    $"Idempotency-Key «{key}» đã được dùng trong 24 giờ qua cho một yêu cầu có nội dung khác. Mỗi hoạt động mới cần một "
                    + "khóa mới; chỉ dùng lại khóa khi gửi lại đúng yêu cầu cũ.");
            case IdempotencyStart.Outcome.InProgress:
                context.Response.Headers.RetryAfter = "2";
                return ApiErrors.Problem(StatusCodes.Status409Conflict, "Yêu cầu đang được xử lý",
                    $"Một yêu cầu với Idempotency-Key «{key}» đang được xử lý. Vui lòng thử lại sau ít giây để nhận kết quả của nó.");
            default:
                return await CreatedAsync(context, api, user, body, json.Value.SerializerOptions, start.ReservationId, idempotency, ct);
        }
    }

    /// <summary>
    /// Creates and answers 201, written by hand so that the bytes kept for a repeat are the bytes sent. A failure gives
    /// the reservation's key back (nothing was created) and is answered by the filters.
    /// </summary>
    private static async Task<IResult> CreatedAsync(HttpContext context, ActivityApiService api, CurrentUser user, byte[] body,
        JsonSerializerOptions options, long? reservation, IdempotencyService idempotency, CancellationToken ct)
    {
        string text;
        string location;
        try
        {
            var created = await api.CreateAsync(user, Parse(body, options), ct);
            text = JsonSerializer.Serialize(created, options);
            location = LocationOf(created.Id);
        }
        catch when (reservation is { } id)
        {
            await idempotency.ReleaseAsync(id, CancellationToken.None);
            throw;
        }
        // The activity exists: its answer is kept even if the client has gone (a retry must get it, not a second one).
        if (reservation is { } done) await idempotency.CompleteAsync(done, StatusCodes.Status201Created, location, text, CancellationToken.None);
        return Answer(context, StatusCodes.Status201Created, location, text);
    }

    private static IResult Replayed(HttpContext context, IdempotencyRecord answer)
    {
        context.Response.Headers[ReplayedHeader] = "true";
        return Answer(context, answer.StatusCode, answer.Location, answer.ResponseBody);
    }

    private static IResult Answer(HttpContext context, int status, string? location, string body)
    {
        if (location is not null) context.Response.Headers.Location = location;
        if (VersionOf(body) is { } version) ApiInputs.SetETag(context.Response, version);
        return TypedResults.Text(body, JsonContentType, statusCode: status);
    }

    private static long? VersionOf(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("version", out var v) && v.TryGetInt64(out var version) ? version : null;
    }

    private static async Task<IResult> UpdateAsync(int id, HttpContext context, ActivityApiService api, IOptions<JsonOptions> json,
        CancellationToken ct)
    {
        var precondition = IfMatch(context);
        if (precondition.Result is { } refused) return refused;
        var body = Parse(await ReadBodyAsync(context, ct), json.Value.SerializerOptions);
        return WithETag(context, await api.UpdateAsync(context.User.ToCurrentUser(), id, body, precondition.Version, ct));
    }

    private static async Task<IResult> UpdateByExternalIdAsync(string externalId, HttpContext context, ActivityApiService api,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var precondition = IfMatch(context);
        if (precondition.Result is { } refused) return refused;
        var body = Parse(await ReadBodyAsync(context, ct), json.Value.SerializerOptions);
        return WithETag(context, await api.UpdateByExternalIdAsync(context.User.ToCurrentUser(), Unescaped(externalId), body, precondition.Version, ct));
    }

    /// <summary>
    /// The server decodes every escape of a path but "%2F", so a route value keeps a CMS's "news/123" as "news%2F123":
    /// only that escape is undone here (decoding everything again would misread an id that holds a "%").
    /// </summary>
    private static string Unescaped(string routeValue) =>
        routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static async Task<IResult> DeleteAsync(int id, HttpContext context, ActivityApiService api, CancellationToken ct)
    {
        var precondition = IfMatch(context);
        if (precondition.Result is { } refused) return refused;
        await api.DeleteAsync(context.User.ToCurrentUser(), id, precondition.Version, ct);
        return TypedResults.NoContent();
    }

    private static IResult WithETag(HttpContext context, ActivityApiModel activity)
    {
        ApiInputs.SetETag(context.Response, activity.Version);
        return TypedResults.Ok(activity);
    }

    /// <summary>The version If-Match carries, or the answer when it is missing (428) or not one version's ETag (400).</summary>
    private static (long Version, IResult? Result) IfMatch(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
            return (0, ApiErrors.Problem(StatusCodes.Status428PreconditionRequired, "Thiếu If-Match",
                "Vui lòng gửi If-Match với phiên bản hiện tại của hoạt động (ETag nhận được khi đọc hoặc lưu nó, ví dụ If-Match: \"3\"), "
                + "để không ghi đè thay đổi của người khác."));
        var match = StrongETag().Match(header);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return (0, ApiErrors.Problem(StatusCodes.Status400BadRequest, "If-Match không hợp lệ",
                $"If-Match «{header}» không phải là ETag của một phiên bản. Hãy gửi đúng ETag nhận được, ví dụ If-Match: \"3\"."));
        return (version, null);
    }

    [GeneratedRegex("^\"([0-9]{1,18})\"$")]
    private static partial Regex StrongETag();

    private static async Task<byte[]> ReadBodyAsync(HttpContext context, CancellationToken ct)
    {
        if (context.Request.ContentLength > MaxBodyBytes) throw new BodyTooLargeException();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) throw new BodyTooLargeException();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The body as an activity; a value of the wrong type is named by its field, as a rule of the form would be.</summary>
    private static ActivityApiInput Parse(byte[] body, JsonSerializerOptions options)
    {
        if (body.Length == 0) throw new BadBodyException("Chưa gửi nội dung: gửi hoạt động dạng JSON (Content-Type: application/json).");
        try
        {
            return JsonSerializer.Deserialize<ActivityApiInput>(body, options)
                ?? throw new BadBodyException("Nội dung là null: gửi hoạt động dạng một đối tượng JSON.");
        }
        // A broken document (the reader's own exception inside) is not any field's fault; a value of the wrong type is.
        catch (JsonException ex) when (ex.InnerException is not JsonException && FieldOf(ex.Path) is { } field
            && Expected.TryGetValue(field, out var expected))
        {
            throw new ValidationException([new ValidationFailure(field, $"{expected.Label}: giá trị không đúng kiểu ({expected.Shape}).")]);
        }
        catch (JsonException)
        {
            throw new BadBodyException("Nội dung gửi lên không phải là JSON hợp lệ của một hoạt động (Content-Type: application/json).");
        }
    }

    /// <summary>"$.objectives[0]" → "objectives".</summary>
    private static string? FieldOf(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal)) return null;
        var name = path[2..];
        var end = name.IndexOfAny(['.', '[']);
        var field = end < 0 ? name : name[..end];
        return field.Length == 0 ? null : JsonNamingPolicy.CamelCase.ConvertName(field);
    }

    private static readonly Dictionary<string, (string Label, string Shape)> Expected = new()
    {
        ["plan"] = ("Năm kế hoạch", "số năm, ví dụ 2021"),
        ["channel"] = (L.Channel, "mã dạng chuỗi, ví dụ \"BAO\""),
        ["title"] = (L.Title, "chuỗi"),
        ["description"] = (L.Description, "chuỗi"),
        ["startDate"] = (L.StartDate, "ngày dạng \"yyyy-MM-dd\", ví dụ \"2021-10-18\""),
        ["endDate"] = (L.EndDate, "ngày dạng \"yyyy-MM-dd\", ví dụ \"2021-10-18\""),
        ["quantity"] = (L.Quantity, "số"),
        ["secondMeasure"] = (L.SecondMeasure, "số"),
        ["objectives"] = (L.Objectives, "danh sách mã, ví dụ [\"MĐ1\"]"),
        ["themes"] = (L.Themes, "danh sách mã, ví dụ [\"ND1\"]"),
        ["district"] = (L.District, "mã dạng chuỗi"),
        ["evidenceUrl"] = (L.EvidenceUrl, "chuỗi"),
        ["cost"] = (L.Cost, "số"),
        ["fundingSource"] = (L.FundingSource, "chuỗi"),
        ["notes"] = (L.Notes, "chuỗi"),
        ["externalId"] = (L.ExternalId, "chuỗi"),
    };

    private sealed class BadBodyException(string message) : Exception(message);

    private sealed class BodyTooLargeException() : Exception(
        $"Nội dung lớn hơn {MaxBodyBytes / 1024} KB; một hoạt động không cần nhiều như vậy.");

    /// <summary>The answers of this resource's own refusals; Core's common ones are <see cref="ApiErrors"/>'s.</summary>
    private sealed class ActivityApiErrors : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            try
            {
                return await next(context);
            }
            catch (ExternalIdTakenException ex)
            {
                return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Đã có hoạt động với mã này",
                    extensions: new Dictionary<string, object?> { ["existingId"] = ex.ExistingId, ["existing"] = LocationOf(ex.ExistingId) });
            }
            catch (BadBodyException ex)
            {
                return ApiErrors.Problem(StatusCodes.Status400BadRequest, "Nội dung không hợp lệ", ex.Message);
            }
            catch (BodyTooLargeException ex)
            {
                return ApiErrors.Problem(StatusCodes.Status413PayloadTooLarge, "Nội dung quá lớn", ex.Message);
            }
        }
    }
}
