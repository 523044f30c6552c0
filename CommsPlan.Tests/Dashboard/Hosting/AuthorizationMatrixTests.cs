using System.Net;
using System.Reflection;
using CommsPlan.Core.Access;
using CommsPlan.Dashboard.Endpoints.Api;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Dashboard.Hosting;

/// <summary>
/// Every page and every endpoint the app has — found by reflection and from the running app's endpoint data source,
/// never from a list that can go stale — requested for real, signed out and as each role. What a role should get
/// comes from the page's own declared policy read through the issue's role table; a page or endpoint that declares
/// nothing fails, so a new one cannot ship without a decision.
/// </summary>
public sealed class AuthorizationMatrixTests(InProcessApp app) : IClassFixture<InProcessApp>
{
    /// <summary>The issue's role table: who may do what, per policy a page or endpoint can name.</summary>
    private static readonly Dictionary<string, string[]> RoleTable = new()
    {
        // Everyone signed in reads the plan and their (agency-scoped) lists.
        [Policies.SignedIn] = [Roles.Admin, Roles.Monitor, Roles.AgencyOfficer, Roles.Viewer],
        // Monitor "read everything", Viewer "read everything", Admin (IT staff) too.
        [Policies.ReadAll] = [Roles.Admin, Roles.Monitor, Roles.Viewer],
        // Monitor "review".
        [Policies.Review] = [Roles.Monitor],
        // AgencyOfficer "read and write that agency's data".
        [Policies.AgencyWrite] = [Roles.AgencyOfficer],
        // Audit history "for Admin and Monitor".
        [Policies.Audit] = [Roles.Admin, Roles.Monitor],
        // Plan years (issue 17): "/plans, Admin and Monitor".
        [Policies.PlanAuthoring] = [Roles.Admin, Roles.Monitor],
        // Admin "manage users, agencies, the plan catalogue".
        [Policies.Administration] = [Roles.Admin],
        // Issue 20: "on /tokens an administrator or an agency officer creates an API token".
        [Policies.ApiTokens] = [Roles.Admin, Roles.AgencyOfficer],
    };

    /// <summary>One demo account per role.</summary>
    private static readonly Dictionary<string, string> AccountOf = new()
    {
        [Roles.Admin] = "admin",
        [Roles.Monitor] = "giamsat",
        [Roles.AgencyOfficer] = "tuphap",
        [Roles.Viewer] = "lanhdao",
    };

    // Blazor's own plumbing (the circuit hub, framework scripts): the fallback policy guards it.
    private static readonly string[] FrameworkPrefixes = ["/_blazor", "/_framework"];

    // The static-assets development fallback ({**path:file}: files added while the app runs); guarded by the fallback policy.
    private static bool IsDevelopmentFileFallback(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.Parameters is [{ IsCatchAll: true } parameter] && parameter.ParameterPolicies.Any(p => p.Content == "file");

    [Fact]
    public async Task EveryPolicyAdmitsExactlyTheRolesOfTheRoleTable()
    {
        var provider = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();

        Assert.Equal(RoleTable.Keys.Order(), Policies.All.Order());
        foreach (var (name, roles) in RoleTable)
        {
            var policy = await provider.GetPolicyAsync(name);
            Assert.NotNull(policy);
            var allowed = policy.Requirements.OfType<RolesAuthorizationRequirement>().Single().AllowedRoles;
            Assert.Equal(roles.Order(), allowed.Order());
            Assert.Contains(policy.Requirements, r => r is DenyAnonymousAuthorizationRequirement);
        }
    }

    [Fact]
    public void EveryRoutablePageDeclaresWhoMayOpenIt()
    {
        var undecided = Pages().Where(p => Decide(p.Type.GetCustomAttributes(inherit: true)) is null).Select(p => p.Type.FullName).ToList();

        Assert.True(undecided.Count == 0,
            "Pages without [Authorize(Policy = Policies.…)] or [AllowAnonymous]: " + string.Join(", ", undecided));
    }

    [Fact]
    public void EveryPageFoundByReflectionIsAnEndpointOfTheRunningApp()
    {
        var endpointRoutes = Endpoints().Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => Route(e.RoutePattern)).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var missing = Pages().Select(p => p.Template).Where(t => !endpointRoutes.Contains(t)).ToList();

        Assert.True(missing.Count == 0, "Pages not mapped by the app: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryOtherEndpointDeclaresWhoMayCallIt()
    {
        var undecided = Endpoints()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null && !IsFramework(e))
            .Where(e => Decide(e.Metadata) is null)
            .Select(e => $"{e.DisplayName} ({Route(e.RoutePattern)})").ToList();

        Assert.True(undecided.Count == 0,
            "Endpoints without .RequireAuthorization(Policies.…) or .AllowAnonymous(): " + string.Join(", ", undecided));
    }

    [Fact]
    public async Task EachPageAndEndpointAnswersAnonymousAndEachRoleAsItsPolicySays()
    {
        var targets = Targets();
        Assert.Contains(targets, t => t.Url == "/admin/users");
        Assert.Contains(targets, t => t.Url == "/audit");
        Assert.Contains(targets, t => t.Url == "/healthz");
        Assert.Contains(targets, t => t.Url == "/tokens");
        // The API's OpenAPI document is open to anyone (it holds no data); its reference page needs a signed-in user.
        Assert.Contains(targets, t => t is { Url: "/openapi/v1.json", Access.Anonymous: true });
        Assert.Contains(targets, t => t.Url.StartsWith("/api-docs/", StringComparison.Ordinal) && t.Access.Roles.SequenceEqual(RoleTable[Policies.SignedIn]));

        var failures = new List<string>();
        foreach (var role in new string?[] { null }.Concat(RoleTable[Policies.SignedIn]))
        {
            var client = role is null ? app.NewClient() : await app.SignedInClientAsync(AccountOf[role]);
            foreach (var target in targets)
            {
                var expected = target.Access.Anonymous ? Outcome.Allowed
                    : role is null ? Outcome.SentToLogin
                    : target.Access.Roles.Contains(role) ? Outcome.Allowed
                    : Outcome.Refused;
                using var request = new HttpRequestMessage(new HttpMethod(target.Method), target.Url);
                if (target.Method != HttpMethods.Get) request.Content = new FormUrlEncodedContent([]);
                using var response = await client.SendAsync(request);
                var actual = Classify(response);
                if (actual != expected || (actual == Outcome.Allowed && (int)response.StatusCode >= 500))
                    failures.Add($"{role ?? "anonymous"} {target.Method} {target.Url}: expected {expected}, got {(int)response.StatusCode} {response.Headers.Location}");
                // A POST may sign the client out (/Account/Logout): sign in again before the next request.
                if (target.Method != HttpMethods.Get && role is not null) await InProcessApp.SignInAsync(client, AccountOf[role]);
            }
            client.Dispose();
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task ARefusedDirectRequestEndsOnTheNoPermissionPageWithStatus403()
    {
        using var officer = await app.SignedInClientAsync("tuphap");

        using var refused = await officer.GetAsync("/admin/users");
        using var page = await officer.GetAsync(refused.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Không có quyền truy cập", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheMenuOffersAdministrationAuditAndApiTokensOnlyToThoseWhoMayOpenThem()
    {
        foreach (var (role, userName) in AccountOf)
        {
            using var client = await app.SignedInClientAsync(userName);
            var html = await client.GetStringAsync("/plan");

            Assert.Equal(RoleTable[Policies.Administration].Contains(role), html.Contains("href=\"/admin\""));
            Assert.Equal(RoleTable[Policies.Audit].Contains(role), html.Contains("href=\"/audit\""));
            Assert.Equal(RoleTable[Policies.ApiTokens].Contains(role), html.Contains("href=\"/tokens\""));
        }
    }

    private IReadOnlyList<Target> Targets()
    {
        var targets = new List<Target>();
        foreach (var page in Pages())
        {
            targets.Add(new Target(HttpMethods.Get, Url(RoutePatternFactory.Parse(page.Template)), Decide(page.Type.GetCustomAttributes(inherit: true))!));
        }
        foreach (var endpoint in Endpoints().Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null))
        {
            var access = Decide(endpoint.Metadata) ?? (IsFramework(endpoint) ? new Access(false, RoleTable[Policies.SignedIn]) : null);
            if (access is null) continue; // reported by EveryOtherEndpointDeclaresWhoMayCallIt
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
            foreach (var method in methods.Where(m => m is "GET" or "POST"))
                targets.Add(new Target(method, Url(endpoint.RoutePattern), access));
        }
        return [.. targets.DistinctBy(t => (t.Method, t.Url))];
    }

    /// <summary>The access a page or endpoint declares: anonymous, or the roles of its named policy; null when it declares nothing usable.</summary>
    private static Access? Decide(IEnumerable<object> metadata)
    {
        var items = metadata.ToList();
        if (items.OfType<IAllowAnonymous>().Any()) return new Access(true, []);
        var authorize = items.OfType<IAuthorizeData>().ToList();
        if (authorize.Count == 0 || authorize.Any(a => a.Policy is null || !RoleTable.ContainsKey(a.Policy) || a.Roles is not null)) return null;
        // Several policies on one endpoint must all pass.
        var roles = authorize.Select(a => RoleTable[a.Policy!]).Aggregate((a, b) => [.. a.Intersect(b)]);
        return new Access(false, roles);
    }

    private static IEnumerable<(Type Type, string Template)> Pages() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (t, r.Template)));

    /// <summary>
    /// The app's endpoints but the API's: /api/v1 authenticates with tokens, never with the cookie of a role, and has a
    /// matrix of its own (ApiAuthorizationMatrixTests).
    /// </summary>
    private List<RouteEndpoint> Endpoints() =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !Route(e.RoutePattern).StartsWith(ApiV1.Prefix + "/", StringComparison.OrdinalIgnoreCase))];

    private static bool IsFramework(RouteEndpoint endpoint) =>
        IsDevelopmentFileFallback(endpoint) || FrameworkPrefixes.Any(p => Route(endpoint.RoutePattern).StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private static string Route(RoutePattern pattern) => "/" + (pattern.RawText ?? "").TrimStart('/');

    /// <summary>A concrete URL for a route: parameters get plausible values (an id, an agency code).</summary>
    private static string Url(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => SampleValue(parameter),
            _ => "",
        })));
        return "/" + string.Join("/", segments);
    }

    private static string SampleValue(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        if (constraints.Any(c => c is "int" or "long")) return "1";
        if (constraints.Contains("guid")) return Guid.Empty.ToString();
        if (constraints.Contains("file")) return "missing.css";
        return parameter.Default?.ToString() ?? "STP";
    }

    private static Outcome Classify(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized) return Outcome.SentToLogin;
        // The no-permission page itself answers 403 to whoever opens it: that is the page working.
        if (response.StatusCode == HttpStatusCode.Forbidden)
            return response.RequestMessage?.RequestUri?.AbsolutePath == "/Account/AccessDenied" ? Outcome.Allowed : Outcome.Refused;
        var location = response.Headers.Location?.OriginalString ?? "";
        // The authentication middleware's own redirects carry the page asked for.
        if (location.Contains("/Account/Login?ReturnUrl=", StringComparison.OrdinalIgnoreCase)) return Outcome.SentToLogin;
        if (location.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase)) return Outcome.Refused;
        return Outcome.Allowed;
    }

    private enum Outcome
    {
        Allowed,
        SentToLogin,
        Refused,
    }

    private sealed record Access(bool Anonymous, string[] Roles);

    private sealed record Target(string Method, string Url, Access Access);
}
