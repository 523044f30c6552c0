using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommsPlan.Core.Access;
using CommsPlan.Core.Api;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Dashboard.Api;

/// <summary>Real tokens on an <see cref="InProcessApp"/>, made as an administrator makes them, and clients that send them.</summary>
internal static class ApiTestClients
{
    /// <summary>A client whose every request carries a new token of <paramref name="agencyCode"/> (null: the province's).</summary>
    public static async Task<HttpClient> TokenClientAsync(this InProcessApp app, string? agencyCode, ApiScopes scopes = ApiScopes.Read,
        string? name = null)
    {
        var (_, secret) = await app.CreateTokenAsync(agencyCode, scopes, name);
        return app.BearerClient(secret);
    }

    public static async Task<(ApiToken Token, string Secret)> CreateTokenAsync(this InProcessApp app, string? agencyCode,
        ApiScopes scopes = ApiScopes.Read, string? name = null)
    {
        int? agencyId = agencyCode is null ? null : await app.AgencyIdAsync(agencyCode);
        var today = app.Services.GetRequiredService<TimeProvider>().Today();
        return await app.Services.GetRequiredService<ApiTokenService>().CreateAsync(ActingUsers.Admin,
            new ApiTokenInput(name ?? $"Kiểm thử {agencyCode ?? "tỉnh"} {Guid.NewGuid():N}", agencyId, scopes, today.AddDays(30)));
    }

    public static HttpClient BearerClient(this InProcessApp app, string secret)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A token of <paramref name="agencyCode"/> whose last day has passed.</summary>
    public static async Task<string> ExpiredTokenAsync(this InProcessApp app, string agencyCode)
    {
        var (token, secret) = await app.CreateTokenAsync(agencyCode, ApiScopes.Read | ApiScopes.Write);
        await app.UpdateTokenAsync(token.Id, t => t.ExpiresAt = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        return secret;
    }

    /// <summary>A token of <paramref name="agencyCode"/> an administrator revoked.</summary>
    public static async Task<string> RevokedTokenAsync(this InProcessApp app, string agencyCode)
    {
        var (token, secret) = await app.CreateTokenAsync(agencyCode, ApiScopes.Read | ApiScopes.Write);
        await app.UpdateTokenAsync(token.Id, t => (t.RevokedAt, t.RevokedBy) = (DateTime.UtcNow, "admin"));
        return secret;
    }

    public static CommsPlanDbContext CreateContext(this InProcessApp app) =>
        app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>().CreateDbContext();

    public static async Task<int> AgencyIdAsync(this InProcessApp app, string code)
    {
        await using var db = app.CreateContext();
        return await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
    }

    /// <summary>The caller a token acts as, built from its principal the way the API builds it.</summary>
    public static CurrentUser UserOf(ApiToken token) => ApiTokenService.ToPrincipal(token, "ApiToken").ToCurrentUser();

    /// <summary>A response's JSON body, failing with the status and body when it is not the one expected.</summary>
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>A problem answer: its status, the problem+json type and its body (title, detail, errors).</summary>
    public static async Task<JsonNode> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.JsonAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, body["status"]!.GetValue<int>());
        return body;
    }

    /// <summary>What <paramref name="value"/> looks like on the wire, with the API's JSON settings (camelCase).</summary>
    public static JsonNode Wire<T>(T value) => JsonSerializer.SerializeToNode(value, JsonSerializerOptions.Web)!;

    private static async Task UpdateTokenAsync(this InProcessApp app, int id, Action<ApiToken> change)
    {
        await using var db = app.CreateContext();
        var token = await db.ApiTokens.SingleAsync(t => t.Id == id);
        change(token);
        await db.SaveChangesAsync();
    }
}
