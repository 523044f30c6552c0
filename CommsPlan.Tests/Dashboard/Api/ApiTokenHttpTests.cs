using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CommsPlan.Core.Access;
using CommsPlan.Core.Api;
using CommsPlan.Dashboard.Endpoints.Api;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Dashboard.Api;

/// <summary>
/// Tokens over HTTP, against the real app: a token is its agency on /api/v1 until it is revoked, each token has its own
/// requests per minute, and neither no token nor a browser's sign-in cookie gets anything but a 401 problem.
/// </summary>
public sealed class ApiTokenHttpTests(ApiTokenHttpTests.TokenApp app) : IClassFixture<ApiTokenHttpTests.TokenApp>
{
    private const int RequestsPerMinute = 5;

    [Fact]
    public async Task ATokenCallsTheApiAsItsAgencyUntilItIsRevoked()
    {
        var baotn = await app.AgencyIdAsync("BAOTN");
        var (token, secret) = await app.Tokens.CreateAsync(ActingUsers.Admin, new($"CMS {Guid.NewGuid():N}", baotn, ApiScopes.Write, new(2022, 10, 20)));
        using var client = app.Client(secret);

        using var allowed = await client.GetAsync(TokenApp.Agencies);
        var agencies = await allowed.Content.ReadFromJsonAsync<JsonElement>();
        await app.Tokens.RevokeAsync(ActingUsers.Admin, token.Id);
        using var revoked = await client.GetAsync(TokenApp.Agencies);

        // An agency's token reads as that agency's officer: the agency list is its own agency only.
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("BAOTN", Assert.Single(agencies.EnumerateArray()).GetProperty("code").GetString());
        await AssertUnauthorizedProblemAsync(revoked);
    }

    [Fact]
    public async Task ACallWithoutATokenGets401WithAProblemBodyNotARedirect()
    {
        using var client = app.Client(null);

        using var none = await client.GetAsync(TokenApp.Agencies);
        using var unknown = await app.Client(ApiTokenService.SecretPrefix + "khong-phai-ma-that").GetAsync(TokenApp.Agencies);

        await AssertUnauthorizedProblemAsync(none);
        await AssertUnauthorizedProblemAsync(unknown);
    }

    [Fact]
    public async Task ABrowsersSignInCookieNeverAuthenticatesTheApi()
    {
        using var signedIn = app.Client(null);
        await InProcessApp.SignInAsync(signedIn, "baotn");
        using var page = await signedIn.GetAsync("/activities");

        using var api = await signedIn.GetAsync(TokenApp.Agencies);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        await AssertUnauthorizedProblemAsync(api);
    }

    [Fact]
    public async Task EachTokenHasItsOwnRequestsPerMinuteAndTheNextCallGets429WithRetryAfter()
    {
        var stp = await app.AgencyIdAsync("STP");
        var (_, busy) = await app.Tokens.CreateAsync(ActingUsers.Admin, new($"Cổng {Guid.NewGuid():N}", stp, ApiScopes.Read, new(2022, 1, 1)));
        var (_, quiet) = await app.Tokens.CreateAsync(ActingUsers.Admin, new($"Cổng {Guid.NewGuid():N}", stp, ApiScopes.Read, new(2022, 1, 1)));
        using var busyClient = app.Client(busy);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < RequestsPerMinute; i++)
        {
            using var response = await busyClient.GetAsync(TokenApp.Agencies);
            answers.Add(response.StatusCode);
        }
        using var refused = await busyClient.GetAsync(TokenApp.Agencies);
        using var other = await app.Client(quiet).GetAsync(TokenApp.Agencies);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("Quá nhiều yêu cầu", problem.GetProperty("title").GetString());
        Assert.Contains($"quá {RequestsPerMinute} yêu cầu trong một phút", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    private static async Task AssertUnauthorizedProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("Chưa xác thực", problem.GetProperty("title").GetString());
    }

    /// <summary>The real app with a low <c>Api:RequestsPerMinute</c>, called on one real endpoint of the API.</summary>
    public sealed class TokenApp : IAsyncLifetime
    {
        public const string Agencies = ApiV1.Prefix + "/agencies";

        private readonly InProcessApp _app = new(("Api:RequestsPerMinute", RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        public ApiTokenService Tokens => _app.Services.GetRequiredService<ApiTokenService>();

        public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

        public HttpClient Client(string? secret)
        {
            var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            if (secret is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            return client;
        }

        public Task<int> AgencyIdAsync(string code) => _app.AgencyIdAsync(code);

        public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();
    }
}
