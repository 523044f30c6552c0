using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using CommsPlan.Core.Api;
using CommsPlan.Core.Common;
using CommsPlan.Dashboard.Endpoints.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommsPlan.Tests.Dashboard.Api;

/// <summary>
/// The document's registration (<see cref="ApiDocument.AddCommsPlanOpenApi"/>) and the API's group
/// (<see cref="ApiV1.MapApiV1Group"/>) on a minimal app with sample endpoints of the test's own, so the transformers and the
/// document-driven caller are proven whatever endpoints the real app has at the time: only /api/v1 described, the bearer
/// scheme and the common problems on every operation, Vietnamese descriptions, the examples endpoints attach.
/// </summary>
public sealed class OpenApiTransformerTests : IAsyncLifetime
{
    private const string GoodToken = "cpt_sample";

    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private DocumentedOperations _document = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddCommsPlanOpenApi();
        builder.Services.AddSingleton<SampleStore>();
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, SampleTokenHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddApiPolicies();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapApiV1Group().MapSamples();
        // Not the API: the app's file downloads and pages stay out of the document.
        _app.MapGet("/api/activities/export.xlsx", () => TypedResults.Ok()).AllowAnonymous();
        _app.MapGet("/plan", () => TypedResults.Ok()).AllowAnonymous();
        _app.MapApiDocument();
        await _app.StartAsync();
        _client = _app.GetTestClient();
        _document = await DocumentedOperations.ReadAsync(_client, ApiDocument.Path);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public void OnlyTheApiV1EndpointsAreDescribed()
    {
        var paths = _document.All.Select(o => o.Path).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["/api/v1/samples", "/api/v1/samples/teapot", "/api/v1/samples/{id}"], paths);
    }

    [Fact]
    public void EveryOperationHasAVietnameseSummaryASuccessResponseTheBearerSchemeAndTheCommonProblems()
    {
        Assert.NotEmpty(_document.All);
        Assert.All(_document.All, operation => Assert.Empty(Incomplete(operation)));
    }

    [Fact]
    public void ResponsesAreDescribedInVietnameseUnlessTheEndpointDescribedThemItself()
    {
        var create = _document.All.Single(o => o is { Method: "POST", Path: "/api/v1/samples" });

        Assert.Equal("Chưa xác thực: thiếu mã truy cập, mã sai, đã hết hạn hoặc đã bị thu hồi.", create.Responses["401"]!["description"]!.GetValue<string>());
        Assert.Equal("Dữ liệu không hợp lệ: errors liệt kê thông báo của từng trường.", create.Responses["422"]!["description"]!.GetValue<string>());
        Assert.Equal("Đã tạo; tiêu đề Location chỉ tới bản ghi mới.", create.Responses["201"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public void TheRequestExampleIsDocumentedAsTheApiSerializesIt()
    {
        var create = _document.All.Single(o => o is { Method: "POST", Path: "/api/v1/samples" });

        var example = create.Node["requestBody"]!["content"]!["application/json"]!["example"]!;

        Assert.Equal("""{"channel":"BAO","title":"Bài viết về chuyển đổi số","startDate":"2021-10-18","quantity":1,"objectives":["MĐ1"]}""",
            example.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void AParameterExampleIsDocumentedOnItsParameter()
    {
        var list = _document.All.Single(o => o is { Method: "GET", Path: "/api/v1/samples" });

        var year = Assert.Single(list.Parameters("query"));

        Assert.Equal("year", year["name"]!.GetValue<string>());
        Assert.True(year["required"]!.GetValue<bool>());
        Assert.Equal(2021, year["example"]!.GetValue<int>());
    }

    [Fact]
    public void AResponseExampleIsDocumentedOnItsStatus()
    {
        var read = _document.All.Single(o => o is { Method: "GET", Path: "/api/v1/samples/{id}" });

        var example = read.Responses["200"]!["content"]!["application/json"]!["example"]!;

        Assert.Equal(7, example["id"]!.GetValue<int>());
        Assert.Equal("BAO", example["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnExampleWhereTheOperationHasNoJsonBodyIsAMistakeTheDocumentRefuses()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddCommsPlanOpenApi();
        await using var app = builder.Build();
        app.MapGroup(ApiV1.Prefix).MapDelete("/samples/{id:int}", (int id) => TypedResults.NoContent()).WithExample(new { id = 1 });
        app.MapApiDocument();
        await app.StartAsync();

        var provider = app.Services.GetRequiredKeyedService<Microsoft.AspNetCore.OpenApi.IOpenApiDocumentProvider>(ApiDocument.Name);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetOpenApiDocumentAsync());

        Assert.StartsWith("DELETE /api/v1/samples/{id:int}: an example for the request body", error.Message);
    }

    /// <summary>
    /// The caller the app's own test uses: the POST sends the documented example and creates a record, the reads and
    /// the delete use the id it answered, and an answer the document does not list is reported, not passed.
    /// </summary>
    [Fact]
    public async Task TheDocumentDrivenCallerUsesWhatItCreatedAndReportsAnUndocumentedStatus()
    {
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GoodToken);

        var calls = await _document.CallEachAsync(_client, new Dictionary<string, string>());

        var byOperation = calls.ToDictionary(c => c.Operation.ToString());
        Assert.Equal(201, byOperation["POST /api/v1/samples"].Status);
        // The required year from the parameter's example: without it the list answers 400.
        Assert.Equal("/api/v1/samples?year=2021", byOperation["GET /api/v1/samples"].Url);
        Assert.Equal(200, byOperation["GET /api/v1/samples"].Status);
        Assert.Equal(200, byOperation["GET /api/v1/samples/{id}"].Status);
        Assert.Equal(204, byOperation["DELETE /api/v1/samples/{id}"].Status);
        var created = Assert.Single(_app.Services.GetRequiredService<SampleStore>().Created);
        Assert.Equal($"/api/v1/samples/{created}", byOperation["GET /api/v1/samples/{id}"].Url);
        Assert.Equal($"/api/v1/samples/{created}", byOperation["DELETE /api/v1/samples/{id}"].Url);
        Assert.All(calls.Where(c => c.Operation.Path != "/api/v1/samples/teapot"), c => Assert.True(c.Documented, c.ToString()));
        var teapot = byOperation["GET /api/v1/samples/teapot"];
        Assert.Equal(418, teapot.Status);
        Assert.False(teapot.Documented);
    }

    [Fact]
    public async Task TheCallerSendsAMinimalBodyFromTheSchemaWhenNoExampleIsDocumented()
    {
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GoodToken);
        var create = _document.All.Single(o => o is { Method: "POST", Path: "/api/v1/samples" });
        create.Node["requestBody"]!["content"]!["application/json"]!.AsObject().Remove("example");

        var calls = await _document.CallEachAsync(_client, new Dictionary<string, string>());

        var call = calls.Single(c => c.Operation == create);
        // The schema's required fields with the simplest values: a title of "x" and a quantity of 1 pass, a channel "x" does not.
        Assert.Equal(422, call.Status);
        Assert.True(call.Documented);
        Assert.Contains("minimal body", string.Join(" ", call.Notes));
        Assert.Contains("\"channel\"", call.Body);
    }

    /// <summary>What an operation lacks of the API's conventions; empty when complete.</summary>
    internal static IEnumerable<string> Incomplete(DocumentedOperations.Operation operation)
    {
        if (string.IsNullOrWhiteSpace(operation.Summary)) yield return $"{operation}: no summary (.WithSummary)";
        // Vietnamese is written with diacritics: a summary of plain ASCII is English or unfinished.
        else if (operation.Summary.All(c => c < 128)) yield return $"{operation}: the summary «{operation.Summary}» is not Vietnamese";
        if (string.IsNullOrWhiteSpace(operation.Node["operationId"]?.GetValue<string>())) yield return $"{operation}: no operationId (.WithName)";
        if (!operation.Responses.Any(r => r.Key.StartsWith('2'))) yield return $"{operation}: no success response";
        var security = operation.Node["security"] as JsonArray ?? [];
        if (!security.Any(r => r is JsonObject requirement && requirement.ContainsKey(ApiDocument.BearerScheme)))
            yield return $"{operation}: the bearer scheme is not required";
        foreach (var status in new[] { "401", "403", "429", "503" })
        {
            if (operation.Responses[status]?["content"]?["application/problem+json"] is null)
                yield return $"{operation}: no {status} problem response";
        }
        foreach (var (status, response) in operation.Responses)
        {
            if (string.IsNullOrWhiteSpace(response?["description"]?.GetValue<string>())) yield return $"{operation}: response {status} has no description";
        }
    }

    /// <summary>Any call with the sample secret is a read-write token; any other bearer is refused as the real scheme refuses it.</summary>
    private sealed class SampleTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (Request.Headers.Authorization.ToString() != $"Bearer {GoodToken}") return Task.FromResult(AuthenticateResult.NoResult());
            var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, "api:sample"),
                new Claim(ApiTokenRules.ScopeClaim, ApiTokenRules.ScopeName(ApiScopes.Read)),
                new Claim(ApiTokenRules.ScopeClaim, ApiTokenRules.ScopeName(ApiScopes.Write)),
            ], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}

public sealed record SampleInput(string Channel, string Title, DateOnly StartDate, int Quantity, IReadOnlyList<string>? Objectives);

public sealed record SampleRecord(int Id, string Channel, string Title, DateOnly StartDate, int Quantity, IReadOnlyList<string> Objectives);

/// <summary>The test's sample resource, one store per app: what the document and the caller are proven on.</summary>
internal sealed class SampleStore
{
    private int _lastId = 100;

    public ConcurrentDictionary<int, SampleRecord> Records { get; } = new();

    public ConcurrentQueue<int> Created { get; } = new();

    public SampleRecord Add(SampleInput input)
    {
        var id = Interlocked.Increment(ref _lastId);
        var record = Records[id] = new SampleRecord(id, input.Channel, input.Title, input.StartDate, input.Quantity, input.Objectives ?? []);
        Created.Enqueue(id);
        return record;
    }
}

internal static class SampleEndpoints
{
    public static void MapSamples(this Microsoft.AspNetCore.Routing.RouteGroupBuilder api)
    {
        api.MapGet("/samples", (int year, SampleStore store) => TypedResults.Ok(store.Records.Values.Where(s => s.StartDate.Year == year).OrderBy(s => s.Id).ToList()))
            .WithName("ListSamples").WithSummary("Danh sách bản ghi mẫu").WithDescription("Các bản ghi mẫu của một năm.").WithTags("Mẫu")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithParameterExample("year", 2021);
        api.MapGet("/samples/{id:int}", Results<Ok<SampleRecord>, ProblemHttpResult> (int id, SampleStore store) => store.Records.TryGetValue(id, out var sample)
                ? TypedResults.Ok(sample)
                : TypedResults.Problem("Không có bản ghi mẫu này.", statusCode: StatusCodes.Status404NotFound))
            .WithName("GetSample").WithSummary("Một bản ghi mẫu").WithDescription("Bản ghi mẫu theo mã số.").WithTags("Mẫu")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithResponseExample(StatusCodes.Status200OK, new SampleRecord(7, "BAO", "Bài viết về chuyển đổi số", new DateOnly(2021, 10, 18), 1, ["MĐ1"]));
        api.MapPost("/samples", (SampleInput input, SampleStore store) =>
            {
                // As Core's validators refuse: ApiErrors turns it into 422 with the field's message.
                if (input.Channel != "BAO")
                    throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure(nameof(SampleInput.Channel), "Kênh không có trong kế hoạch.")]);
                var record = store.Add(input);
                return TypedResults.Created($"{ApiV1.Prefix}/samples/{record.Id}", record);
            })
            .WithName("CreateSample").WithSummary("Tạo bản ghi mẫu").WithDescription("Tạo một bản ghi mẫu.").WithTags("Mẫu")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(ApiPolicies.Write)
            .WithExample(new SampleInput("BAO", "Bài viết về chuyển đổi số", new DateOnly(2021, 10, 18), 1, ["MĐ1"]));
        api.MapDelete("/samples/{id:int}", Results<NoContent, ProblemHttpResult> (int id, SampleStore store) => store.Records.TryRemove(id, out _)
                ? TypedResults.NoContent()
                : TypedResults.Problem("Không có bản ghi mẫu này.", statusCode: StatusCodes.Status404NotFound))
            .WithName("DeleteSample").WithSummary("Xóa bản ghi mẫu").WithDescription("Xóa một bản ghi mẫu.").WithTags("Mẫu")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiPolicies.Write);
        // Answers a status it does not declare: the caller must report it.
        api.MapGet("/samples/teapot", () => TypedResults.StatusCode(StatusCodes.Status418ImATeapot))
            .WithName("Teapot").WithSummary("Ấm trà").WithDescription("Trả lời một mã không khai báo.").WithTags("Mẫu")
            .Produces(StatusCodes.Status200OK);
    }
}
