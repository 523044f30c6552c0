using System.Net;
using System.Text;
using CommsPlan.Core.Api;
using CommsPlan.Dashboard.Endpoints.Api;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Dashboard.Api;

/// <summary>
/// Every /api/v1 endpoint of the running app — read from its endpoint data source, so an endpoint added later is in the
/// matrix without a line here — called by every kind of caller: anonymous, a browser signed in as each role (a cookie
/// never authenticates the API), an expired and a revoked token, an agency's read and write tokens, the province's
/// token, and another agency's token where the route names an agency's record.
/// </summary>
public sealed class ApiAuthorizationMatrixTests(InProcessApp app) : IClassFixture<InProcessApp>
{
    /// <summary>Route parameters that name one agency's record: another agency's token must not reach it.</summary>
    private static readonly string[] AgencyOwnedParameters = ["agencyCode", "id"];

    /// <summary>The demo accounts, one per role.</summary>
    private static readonly string[] Accounts = ["admin", "giamsat", "tuphap", "lanhdao"];

    [Fact]
    public void EveryApiEndpointNeedsATokenAndEveryWriteTheWriteScope()
    {
        var endpoints = ApiEndpoints();

        Assert.Contains(endpoints, e => Route(e) == "/api/v1/plans");
        Assert.Contains(endpoints, e => Route(e) == "/api/v1/indicators");
        foreach (var endpoint in endpoints)
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            Assert.True(endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null, $"{Route(endpoint)} allows anonymous calls.");
            Assert.Contains(ApiPolicies.Read, policies);
            Assert.Equal(Methods(endpoint).Any(m => m != HttpMethods.Get), policies.Contains(ApiPolicies.Write));
        }
    }

    [Fact]
    public async Task EachEndpointAnswersEachCallerAsTheMatrixSays()
    {
        var samples = await SamplesAsync();
        var targets = ApiEndpoints()
            .SelectMany(e => Methods(e).Select(m => new Target(m, Url(e.RoutePattern, samples), IsWrite(e),
                e.RoutePattern.Parameters.Any(p => AgencyOwnedParameters.Contains(p.Name)))))
            // Reads first and deletes last, so every read meets the sample records as they were.
            .OrderBy(t => t.Method == HttpMethods.Get ? 0 : t.Method == HttpMethods.Delete ? 2 : 1)
            .ToList();
        // The own agency's write token comes last: a write it is allowed may change the sample records.
        var callers = new List<Caller>
        {
            new("anonymous", app.NewClient(), Role.Unauthenticated),
        };
        foreach (var account in Accounts) callers.Add(new($"browser signed in as {account}", await app.SignedInClientAsync(account), Role.Unauthenticated));
        callers.Add(new("expired token", app.BearerClient(await app.ExpiredTokenAsync(samples.AgencyCode)), Role.Unauthenticated));
        callers.Add(new("revoked token", app.BearerClient(await app.RevokedTokenAsync(samples.AgencyCode)), Role.Unauthenticated));
        callers.Add(new("not a token", app.BearerClient("cpt_" + new string('x', 43)), Role.Unauthenticated));
        callers.Add(new("province token", await app.TokenClientAsync(null), Role.ReadOnly));
        callers.Add(new("agency read token", await app.TokenClientAsync(samples.AgencyCode), Role.ReadOnly));
        callers.Add(new("another agency's write token", await app.TokenClientAsync(samples.OtherAgencyCode, ApiScopes.Write), Role.OtherAgency));
        callers.Add(new("agency write token", await app.TokenClientAsync(samples.AgencyCode, ApiScopes.Write), Role.ReadWrite));

        var failures = new List<string>();
        foreach (var caller in callers)
        {
            foreach (var target in targets)
            {
                var expected = Expect(caller.Role, target);
                using var request = new HttpRequestMessage(new HttpMethod(target.Method), target.Url);
                if (target.Method != HttpMethods.Get) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                // Updates and deletes name the version they change; without it they answer 428 before anything else.
                if (target.Method is "PUT" or "DELETE") request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
                using var response = await caller.Client.SendAsync(request);
                var actual = Classify(response);
                var ok = expected switch
                {
                    Outcome.NotFoundOrForbidden => actual is Outcome.NotFound or Outcome.Forbidden,
                    // A sample that names nothing (an external id) is rightly not found; the agency's own records must be found.
                    Outcome.Allowed => actual == Outcome.Allowed || (actual == Outcome.NotFound && !target.NamesAgencyRecord),
                    _ => actual == expected,
                };
                if (!ok || (int)response.StatusCode >= 500)
                    failures.Add($"{caller.Name} {target.Method} {target.Url}: expected {expected}, got {(int)response.StatusCode}");
                else if (actual is Outcome.Unauthenticated or Outcome.Forbidden or Outcome.NotFound
                         && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{caller.Name} {target.Method} {target.Url}: {(int)response.StatusCode} without a problem body");
                else if (actual == Outcome.Unauthenticated && response.Headers.WwwAuthenticate.All(h => h.Scheme != "Bearer"))
                    failures.Add($"{caller.Name} {target.Method} {target.Url}: 401 without WWW-Authenticate: Bearer");
            }
        }
        foreach (var caller in callers) caller.Client.Dispose();

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The matrix: who may call what.</summary>
    private static Outcome Expect(Role role, Target target) => role switch
    {
        Role.Unauthenticated => Outcome.Unauthenticated,
        Role.ReadOnly => target.IsWrite ? Outcome.Forbidden : Outcome.Allowed,
        Role.OtherAgency => target.NamesAgencyRecord ? Outcome.NotFoundOrForbidden : Outcome.Allowed,
        _ => Outcome.Allowed,
    };

    /// <summary>
    /// Allowed is anything the endpoint itself answers below 500 other than a refusal: a 404 for an unknown record, a 409, 412,
    /// 422 or 428 for what the empty body lacks are the endpoint at work, past the authorization.
    /// </summary>
    private static Outcome Classify(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Unauthorized => Outcome.Unauthenticated,
        HttpStatusCode.Forbidden => Outcome.Forbidden,
        HttpStatusCode.NotFound => Outcome.NotFound,
        _ => Outcome.Allowed,
    };

    /// <summary>
    /// Real values of the demo for route parameters, so each call reaches a real record: an agency with a unit plan and
    /// activities, one of its activities, a year with an issued plan, a quarter not yet due (a submit is refused by
    /// the rule, never made).
    /// </summary>
    private async Task<Samples> SamplesAsync()
    {
        await using var db = app.CreateContext();
        var agencies = await db.Agencies
            .Where(a => a.IsActive && db.UnitPlans.Any(u => u.AgencyId == a.Id) && db.Activities.Any(x => x.AgencyId == a.Id))
            .OrderBy(a => a.Code).Select(a => new { a.Id, a.Code }).Take(2).ToListAsync();
        var activity = await db.Activities.Where(a => a.AgencyId == agencies[0].Id).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        return new Samples(agencies[0].Code, agencies[1].Code, new Dictionary<string, string>
        {
            ["year"] = "2021",
            ["agencyCode"] = agencies[0].Code,
            ["periodKey"] = "2021-Q4",
            ["id"] = activity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["externalId"] = "khong-co-ma-nay",
        });
    }

    private List<RouteEndpoint> ApiEndpoints() =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => Route(e).StartsWith(ApiV1.Prefix + "/", StringComparison.OrdinalIgnoreCase))];

    private static IReadOnlyList<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];

    private static bool IsWrite(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == ApiPolicies.Write);

    private static string Route(RouteEndpoint endpoint) => "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');

    /// <summary>A concrete URL: each parameter takes the sample of its name (an unknown one "1", which any constraint takes).</summary>
    private static string Url(RoutePattern pattern, Samples samples) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => Uri.EscapeDataString(samples.Values.GetValueOrDefault(parameter.Name, "1")),
            _ => "",
        }))));

    private sealed record Samples(string AgencyCode, string OtherAgencyCode, IReadOnlyDictionary<string, string> Values);

    private sealed record Target(string Method, string Url, bool IsWrite, bool NamesAgencyRecord);

    private sealed record Caller(string Name, HttpClient Client, Role Role);

    private enum Role
    {
        Unauthenticated,
        ReadOnly,
        ReadWrite,
        OtherAgency,
    }

    private enum Outcome
    {
        Allowed,
        Unauthenticated,
        Forbidden,
        NotFound,
        NotFoundOrForbidden,
    }
}
