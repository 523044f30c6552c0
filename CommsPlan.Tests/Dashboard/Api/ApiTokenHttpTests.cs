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
public sealed class ApiTokenHttpTests(ApiTokenHttpTests.ProbedApp app) : IClassFixture<ApiTokenHttpTests.ProbedApp>
{
    private const int RequestsPerMinute = 5;

    [Fact]
    public async Task ATokenCallsTheApiAsItsAgencyUntilItIsRevoked()
    {
        var baotn = await app.AgencyIdAsync("BAOTN");
        var (token, secret) = await app.Tokens.CreateAsync(ActingUsers.Admin, new($"CMS {Guid.NewGuid():N}", baotn, ApiScopes.Write, new(2022, 10, 20)));
        using var client = app.Client(secret);

        using var allowed = await client.GetAsync(ProbedApp.Probe);
        var caller = await allowed.Content.ReadFromJsonAsync<JsonElement>();
        await app.Tokens.RevokeAsync(ActingUsers.Admin, token.Id);
        using var revoked = await client.GetAsync(ProbedApp.Probe);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(ApiTokenRules.UserNameOf(token.Name), caller.GetProperty("userName").GetString());
        Assert.Equal(baotn, caller.GetProperty("agencyId").GetInt32());
        await AssertUnauthorizedProblemAsync(revoked);
    }

    [Fact]
    public async Task ACallWithoutATokenGets401WithAProblemBodyNotARedirect()
    {
        using var client = app.Client(null);

        using var none = await client.GetAsync(ProbedApp.Probe);
        using var unknown = await app.Client(ApiTokenService.SecretPrefix + "khong-phai-ma-that").GetAsync(ProbedApp.Probe);

        await AssertUnauthorizedProblemAsync(none);
        await AssertUnauthorizedProblemAsync(unknown);
    }

    [Fact]
    public async Task ABrowsersSignInCookieNeverAuthenticatesTheApi()
    {
        using var signedIn = app.Client(null);
        await InProcessApp.SignInAsync(signedIn, "baotn");
        using var page = await signedIn.GetAsync("/activities");

        using var api = await signedIn.GetAsync(ProbedApp.Probe);

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
            using var response = await busyClient.GetAsync(ProbedApp.Probe);
            answers.Add(response.StatusCode);
        }
        using var refused = await busyClient.GetAsync(ProbedApp.Probe);
        using var other = await app.Client(quiet).GetAsync(ProbedApp.Probe);

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

    /// <summary>
    /// The real app with a low <c>Api:RequestsPerMinute</c> and, for the tests only, one route in the /api/v1 group that
    /// answers who the caller is: the group's authentication, policies and rate limit apply to it as to every endpoint,
    /// whatever resources the API has.
    /// </summary>
    public sealed class ProbedApp : IAsyncLifetime
    {
        public const string Probe = ApiV1.Prefix + "/test-probe";

        private readonly InProcessApp _app = new(("Api:RequestsPerMinute", RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        private WebApplicationFactory<Program> _probed = null!;

        public ApiTokenService Tokens => _probed.Services.GetRequiredService<ApiTokenService>();

        public Task InitializeAsync()
        {
            _probed = _app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ProbeRoute>()));
            _ = _probed.Server;
            return Task.CompletedTask;
        }

        public HttpClient Client(string? secret)
        {
            var client = _probed.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            if (secret is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            return client;
        }

        public async Task<int> AgencyIdAsync(string code)
        {
            await using var db = await _probed.Services.GetRequiredService<IDbContextFactory<CommsPlan.Core.Data.CommsPlanDbContext>>().CreateDbContextAsync();
            return await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
        }

        public async Task DisposeAsync()
        {
            await _probed.DisposeAsync();
            await ((IAsyncLifetime)_app).DisposeAsync();
        }

        /// <summary>
        /// Maps the probe once the app has mapped its own endpoints and before the pipeline is built, so the router, which
        /// reads the route builder's endpoints when the pipeline is built, sees it. UseRouting leaves the route builder
        /// (the WebApplication) in the pipeline's properties under this key.
        /// </summary>
        private sealed class ProbeRoute : Microsoft.AspNetCore.Hosting.IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
            {
                next(builder);
                var routes = builder.Properties.TryGetValue("__EndpointRouteBuilder", out var found) && found is IEndpointRouteBuilder r
                    ? r
                    : throw new InvalidOperationException("The app's route builder was not found: the probe route cannot be mapped.");
                routes.MapApiV1Group().MapGet(Probe[ApiV1.Prefix.Length..], (HttpContext context) =>
                {
                    var caller = context.User.ToCurrentUser();
                    return TypedResults.Ok(new { caller.UserName, caller.AgencyId });
                });
            };
        }
    }
}
