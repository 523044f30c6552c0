using System.Text.Json;
using CommsPlan.Core.Common;
using FluentValidation;

namespace CommsPlan.Dashboard.Endpoints.Api;

/// <summary>The REST API for agencies' own systems and the province's reporting system: every route under /api/v1.</summary>
public static class ApiV1
{
    public const string Prefix = "/api/v1";

    /// <summary>
    /// The group every API endpoint is mapped in: token-authenticated with the read scope at least (writes add
    /// <see cref="ApiPolicies.Write"/>), and Core's refusals answered as problem details by <see cref="ApiErrors"/>.
    /// </summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiV1Group();
        api.MapActivityApi();
        api.MapPlanApi();
        api.MapAgencyApi();
        api.MapUnitPlanApi();
        api.MapPeriodReportApi();
        api.MapIndicatorApi();
        // A GET of a path under /api/v1 that names no endpoint (or a malformed one, /plans/abc/catalogue) answers a 404 problem
        // to a program, rather than the cookie scheme's bare 401 or the HTML not-found page. A catch-all route, not a
        // fallback: every other route is more specific, and writes keep routing's own answers (405, 415).
        api.MapGet("{**path}", () => ApiErrors.Problem(StatusCodes.Status404NotFound, "Không tìm thấy",
                $"Không có tài nguyên này trong API {Prefix}; xem các thao tác trong tài liệu /openapi/v1.json."))
            .ExcludeFromDescription();
        return api;
    }

    /// <summary>
    /// The group's rules without its resources (tests map endpoints of their own in it): bearer tokens with the read
    /// scope, the per-token rate limit, Core's refusals as problem details, and what any endpoint may answer.
    /// </summary>
    public static RouteGroupBuilder MapApiV1Group(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization(ApiPolicies.Read).AddEndpointFilter<ApiErrors>();
        api.RequireRateLimiting(ApiRateLimitPolicy.Name);
        // What any endpoint may answer (no valid token, not allowed, too many calls, a busy database), declared once for the OpenAPI document.
        api.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }
}

/// <summary>
/// Core's exceptions as HTTP means them, the same for every endpoint: invalid input 422 with each field's message (the
/// form's own messages, from the same validators), not found or not visible 404, not allowed 403, a rule of the plan
/// (a locked period) 409, a stale version 412 naming who changed the record, a busy database 503 with Retry-After.
/// </summary>
public sealed class ApiErrors : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ValidationException ex)
        {
            return Validation(ex.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
        }
        catch (NotFoundException ex)
        {
            return Problem(StatusCodes.Status404NotFound, "Không tìm thấy", ex.Message);
        }
        catch (AccessDeniedException ex)
        {
            return Problem(StatusCodes.Status403Forbidden, "Không có quyền", ex.Message);
        }
        catch (BusinessRuleException ex)
        {
            return Problem(StatusCodes.Status409Conflict, "Không thực hiện được", ex.Message);
        }
        catch (ConcurrencyConflictException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status412PreconditionFailed, title: "Phiên bản đã cũ",
                extensions: new Dictionary<string, object?> { ["changedBy"] = ex.ChangedBy, ["changedAt"] = ex.ChangedAtUtc });
        }
        catch (DatabaseUnavailableException ex)
        {
            context.HttpContext.Response.Headers.RetryAfter = "5";
            return Problem(StatusCodes.Status503ServiceUnavailable, "Tạm thời không thực hiện được", ex.Message);
        }
    }

    public static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);

    /// <summary>A validator's property path as the JSON names it: "Targets[0].Quantity" is "targets[0].quantity".</summary>
    private static string JsonName(string field) => string.Join('.', field.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    /// <summary>422 with the messages of each field, keyed by the JSON field's name (camelCase, as the request sent it).</summary>
    public static IResult Validation(IEnumerable<(string Field, string Message)> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(
            errors.GroupBy(e => JsonName(e.Field), e => e.Message)
                .ToDictionary(g => g.Key, g => g.Distinct().ToArray()))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Dữ liệu không hợp lệ",
            Detail = "Dữ liệu gửi lên chưa hợp lệ; xem thông báo của từng trường trong errors.",
        });
}
