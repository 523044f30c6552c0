using System.Net.Http.Headers;
using System.Text;
using CommsPlan.Core.Api;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Dashboard.Api;

/// <summary>Real tokens and clients for the activities API tests over HTTP on an <see cref="InProcessApp"/>.</summary>
public static class ActivityApiTestKit
{
    /// <summary>Creates a token, valid for a month from the app's today, as the administrator (ApiTestClients).</summary>
    public static Task<(ApiToken Token, string Secret)> TokenAsync(InProcessApp app, string? agencyCode, ApiScopes scopes) =>
        app.CreateTokenAsync(agencyCode, scopes);

    /// <summary>A client that sends <paramref name="secret"/> as its bearer token.</summary>
    public static HttpClient Bearer(InProcessApp app, string secret)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A client with a new token of <paramref name="agencyCode"/> (null: the province's).</summary>
    public static async Task<HttpClient> ClientAsync(InProcessApp app, string? agencyCode, ApiScopes scopes = ApiScopes.Read | ApiScopes.Write) =>
        Bearer(app, (await TokenAsync(app, agencyCode, scopes)).Secret);

    public static async Task<int> AgencyIdAsync(InProcessApp app, string code)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>().CreateDbContextAsync();
        return await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

/// <summary>The activities API tests on SQLite share one app: each makes its own tokens and data.</summary>
[CollectionDefinition(Name)]
public sealed class ActivityApiCollection : ICollectionFixture<InProcessApp>
{
    public const string Name = "ActivityApi";
}
