using System.Net;
using System.Text.RegularExpressions;
using CommsPlan.Core.Access;
using CommsPlan.Core.Administration;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using HardenedApp = CommsPlan.Tests.Reliability.WebHardeningTests.HardenedApp;

namespace CommsPlan.Tests.Reliability;

/// <summary>
/// The sign-in form and the sessions over HTTP against the real app (TestServer): the rate limit on every path to the
/// form, answers that do not tell which names exist, lockouts per address, sessions that end, safe redirects, circuit
/// origins and log lines that cannot be forged.
/// </summary>
public sealed class SignInAndSessionTests : IDisposable
{
    private const string AdminPassword = WebHardeningTests.AdminPassword;
    private const string WrongPassword = "Sai#mat-khau1";
    private const string WrongAnswer = "Tên đăng nhập hoặc mật khẩu không đúng.";
    private const string LockedAnswer = "tạm bị khóa do nhập sai mật khẩu 5 lần";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "commsplan-signin", Guid.NewGuid().ToString("N"));

    private string Database
    {
        get
        {
            Directory.CreateDirectory(_folder);
            return Path.Combine(_folder, "signin.db");
        }
    }

    [Fact]
    public async Task TheSignInLimitHoldsOnEveryPathThatReachesTheForm()
    {
        string[] paths = ["/Account/Login", "/Account/Login/", "/account/login", "/ACCOUNT/LOGIN/", "/Account/%4Cogin"];
        await using var app = new HardenedApp(Database, "Development", ("RateLimits:LoginPerMinute", paths.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var client = app.Client();

        // Each path reaches the form (a Vietnamese answer to a wrong password) and takes one of the address's attempts…
        for (var i = 0; i < paths.Length; i++)
        {
            var answer = await PostLoginAsync(client, paths[i], $"thu{i}", WrongPassword);
            Assert.Equal((HttpStatusCode.OK, WrongAnswer), (answer.Status, answer.Alert));
        }
        // …so after them every path is refused, whatever its spelling.
        foreach (var path in paths)
            Assert.Equal(HttpStatusCode.TooManyRequests, (await PostLoginAsync(client, path, "admin", AdminPassword)).Status);
    }

    [Fact]
    public async Task AnUnknownAndAnExistingUserNameGetTheSameAnswersAndLockAlike()
    {
        await using var app = new HardenedApp(Database, "Development", ("RateLimits:LoginPerMinute", "100"));
        var client = app.Client();
        var existing = new List<(HttpStatusCode, string?)>();
        var unknown = new List<(HttpStatusCode, string?)>();

        for (var attempt = 0; attempt < 6; attempt++)
        {
            var a = await PostLoginAsync(client, "/Account/Login", "admin", WrongPassword);
            existing.Add((a.Status, a.Alert));
            var b = await PostLoginAsync(client, "/Account/Login", "khong.co.ai", WrongPassword);
            unknown.Add((b.Status, b.Alert));
        }
        var rightPassword = await PostLoginAsync(client, "/Account/Login", "admin", AdminPassword);
        existing.Add((rightPassword.Status, rightPassword.Alert));
        var anyPassword = await PostLoginAsync(client, "/Account/Login", "khong.co.ai", AdminPassword);
        unknown.Add((anyPassword.Status, anyPassword.Alert));

        Assert.Equal(existing, unknown);
        Assert.All(existing.Take(4), a => Assert.Equal((HttpStatusCode.OK, WrongAnswer), a));
        Assert.All(existing.Skip(4), a => Assert.Contains(LockedAnswer, a.Item2));
    }

    [Fact]
    public async Task ALockoutFromOneAddressDoesNotLockTheUserOutFromAnother()
    {
        await using var app = new HardenedApp(Database, "Development", ("RateLimits:LoginPerMinute", "100"), ("ReverseProxy:KnownProxies", "10.0.0.5"))
        {
            ConnectionAddress = IPAddress.Parse("10.0.0.5"),
        };
        var attacker = app.Client();
        attacker.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.66");
        for (var attempt = 0; attempt < 5; attempt++) await PostLoginAsync(attacker, "/Account/Login", "admin", WrongPassword);
        var attackerWithThePassword = await PostLoginAsync(attacker, "/Account/Login", "admin", AdminPassword);

        var owner = app.Client();
        owner.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");
        await InProcessApp.SignInAsync(owner, "admin", AdminPassword);
        using var admin = await owner.GetAsync("/admin");

        Assert.Contains(LockedAnswer, attackerWithThePassword.Alert);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task ACookieTakenBeforeSignOutIsRefusedAfterItAndTheUsersOtherSessionsStay()
    {
        await using var app = new HardenedApp(Database, "Development", ("RateLimits:LoginPerMinute", "100"));
        var stolen = await SignInForCookieAsync(app.Client(handleCookies: false), "admin", AdminPassword);
        var otherBrowser = app.Client();
        await InProcessApp.SignInAsync(otherBrowser, "admin", AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(app, "/admin", stolen)).StatusCode);

        await SignOutWithCookieAsync(app, stolen);

        using var replayed = await GetWithCookieAsync(app, "/admin", stolen);
        using var other = await otherBrowser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Contains("/Account/Login", replayed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    /// <summary>
    /// Identity's security-stamp check rebuilds the signed-in user from the database (every minute in the app, at every
    /// request here): the rebuilt user must still carry its session key, or every page opened after the first minute
    /// would find "no session" and sign itself out.
    /// </summary>
    [Fact]
    public async Task TheSessionKeySurvivesIdentitysStampCheckRebuildingTheUser()
    {
        await using var app = new HardenedApp(Database, "Development", ("RateLimits:LoginPerMinute", "100"))
        {
            TestServices = s =>
            {
                s.Configure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
                s.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, SessionProbe>();
            },
        };
        var client = app.Client();
        await InProcessApp.SignInAsync(client, "admin", AdminPassword);

        // Twice: the first request renews the stored ticket with the rebuilt user, the second reads that ticket back.
        var first = await client.GetStringAsync(SessionProbe.Path);
        var second = await client.GetStringAsync(SessionProbe.Path);
        using var page = await client.GetAsync("/admin");

        Assert.Equal(("with its session", "with its session"), (first, second));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    /// <summary>Answers, after the app's pipeline, whether the request's user still has its session key.</summary>
    private sealed class SessionProbe : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public const string Path = "/test-only-session";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate following) => context.Request.Path != Path
                ? following(context)
                : context.Response.WriteAsync(context.User.HasClaim(c => c.Type == UserSessions.SessionClaim) ? "with its session" : "without its session"));
        };
    }

    [Fact]
    public async Task AnAdministratorsLockEndsEverySessionOfTheUserAtTheNextRequest()
    {
        await using var app = new HardenedApp(Database, "Development", ("RateLimits:LoginPerMinute", "100"));
        var (userId, userName) = await CreateViewerAsync(app);
        var first = await SignInForCookieAsync(app.Client(handleCookies: false), userName, ViewerPassword);
        var second = await SignInForCookieAsync(app.Client(handleCookies: false), userName, ViewerPassword);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(app, "/plan", first)).StatusCode);

        var users = app.Services.GetRequiredService<UserAdminService>();
        await users.LockAsync(CurrentUser.System, userId, (await users.GetAsync(CurrentUser.System, userId)).ConcurrencyStamp);

        Assert.Equal(HttpStatusCode.Redirect, (await GetWithCookieAsync(app, "/plan", first)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await GetWithCookieAsync(app, "/plan", second)).StatusCode);
    }

    [Fact]
    public async Task ANonAsciiReturnUrlRedirectsThereEncodedAndAForeignOneGoesHome()
    {
        await using var app = new HardenedApp(Database, "Development", ("RateLimits:LoginPerMinute", "100"));
        var cases = new (string ReturnUrl, string Location)[]
        {
            ("/activities?q=Tập huấn", "/activities?q=T%E1%BA%ADp%20hu%E1%BA%A5n"),
            ("//evil.example/", "/"),
            ("/\\evil.example/", "/"),
            ("/\t/evil.example/", "/"),
            ("https://evil.example/", "/"),
        };

        foreach (var (returnUrl, location) in cases)
        {
            var answer = await PostLoginAsync(app.Client(), "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), "admin", AdminPassword);
            // The page answers with an absolute address of this site; the path and query are what matter.
            var path = answer.Location is { } l && Uri.TryCreate(l, UriKind.Absolute, out var absolute) && absolute.Host == "localhost" ? absolute.PathAndQuery : answer.Location;
            Assert.Equal((HttpStatusCode.Redirect, location), (answer.Status, path));
        }
    }

    [Fact]
    public async Task OverLongInputOnTheSignInFormIsAnsweredInVietnamese()
    {
        await using var app = new HardenedApp(Database, "Development", ("RateLimits:LoginPerMinute", "100"));

        var answer = await PostLoginAsync(app.Client(), "/Account/Login", new string('a', 300), new string('x', 5000));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("Tên đăng nhập dài tối đa 256 ký tự.", answer.Body);
        Assert.Contains("Mật khẩu dài tối đa 128 ký tự.", answer.Body);
        Assert.DoesNotContain("The field", answer.Body);
    }

    [Fact]
    public async Task TheAntiforgeryCookieIsSecureUnderHttps()
    {
        await using var development = new HardenedApp(Database, "Development");
        using var overHttps = await development.Client(new Uri("https://localhost")).GetAsync("/Account/Login");
        await using var production = new HardenedApp(Path.Combine(_folder, "production.db"), "Production", ("https_port", "443"));
        using var inProduction = await production.Client(new Uri("https://commsplan.test")).GetAsync("/Account/Login");

        foreach (var response in new[] { overHttps, inProduction })
        {
            var antiforgery = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
            Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task ACircuitIsOpenedOnlyFromTheSitesOwnOriginOrTheConfiguredOnes()
    {
        await using var own = new HardenedApp(Database, "Development");
        var client = own.Client();
        await InProcessApp.SignInAsync(client, "admin", AdminPassword);
        await using var configured = new HardenedApp(Path.Combine(_folder, "origins.db"), "Development",
            ("Hosting:PublicOrigins", "https://commsplan.thainguyen.gov.vn, https://commsplan.thainguyen.gov.vn:8443"));
        var behindProxy = configured.Client();
        await InProcessApp.SignInAsync(behindProxy, "admin", AdminPassword);

        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(client, "http://localhost"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(client, null));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(client, "https://sotuphap.thainguyen.gov.vn"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(client, "http://localhost:8080"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(client, "null"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(behindProxy, "https://COMMSPLAN.thainguyen.gov.vn"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(behindProxy, "https://commsplan.thainguyen.gov.vn:8443"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(behindProxy, "http://localhost"));
    }

    [Fact]
    public async Task AUserNameWithLineBreaksCannotForgeALogLine()
    {
        var logs = new CapturedLogs();
        await using var app = new HardenedApp(Database, "Development", ("RateLimits:LoginPerMinute", "100")) { Logs = logs };
        const string forged = "ghost\r\ninfo: CommsPlan.Access[0]\r\n      User admin signed in.";

        await PostLoginAsync(app.Client(), "/Account/Login", forged, WrongPassword);

        var signIns = logs.Messages.Where(m => m.Category.EndsWith(".Login", StringComparison.Ordinal)).Select(m => m.Message).ToList();
        Assert.Contains(signIns, m => m.Contains("ghost\\r\\ninfo: CommsPlan.Access[0]", StringComparison.Ordinal));
        Assert.All(logs.Messages, m => Assert.DoesNotContain("ghost\r", m.Message, StringComparison.Ordinal));
        Assert.All(logs.Messages, m => Assert.DoesNotContain("ghost\n", m.Message, StringComparison.Ordinal));
    }

    private const string ViewerPassword = "Hoa-sen#Tim42";

    private static async Task<(string Id, string UserName)> CreateViewerAsync(HardenedApp app)
    {
        var userName = $"xem{Guid.NewGuid():N}"[..12];
        var id = await app.Services.GetRequiredService<UserAdminService>().CreateAsync(CurrentUser.System,
            new NewUserInput { UserName = userName, FullName = "Người xem", Role = Roles.Viewer, Password = ViewerPassword });
        await ChosenPasswords.MarkChosenAsync(app.Services, id);
        return (id, userName);
    }

    private sealed record Answer(HttpStatusCode Status, string? Alert, string? Location, string Body);

    /// <summary>Fetches the form for its token, then posts it to <paramref name="path"/>, as a browser would.</summary>
    private static async Task<Answer> PostLoginAsync(HttpClient client, string path, string userName, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var token = WebUtility.HtmlDecode(Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
        using var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "login", ["Input.UserName"] = userName, ["Input.Password"] = password,
        }));
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var alert = Regex.Match(body, "data-testid=\"login-error\">([^<]*)<");
        return new Answer(response.StatusCode, alert.Success ? alert.Groups[1].Value : null, response.Headers.Location?.OriginalString, body);
    }

    /// <summary>Signs in without a cookie container and returns the sign-in cookie, as someone copying it would hold it.</summary>
    private static async Task<string> SignInForCookieAsync(HttpClient client, string userName, string password)
    {
        using var form = await client.GetAsync("/Account/Login");
        var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = WebUtility.HtmlDecode(Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["_handler"] = "login", ["Input.UserName"] = userName, ["Input.Password"] = password,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("CommsPlan.Auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HardenedApp app, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await app.Client(handleCookies: false).SendAsync(request);
    }

    /// <summary>The sign-out button: a page's form with its antiforgery token, posted with the session's cookie.</summary>
    private static async Task SignOutWithCookieAsync(HardenedApp app, string cookie)
    {
        using var page = await GetWithCookieAsync(app, "/plan", cookie);
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];
        var html = await page.Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", $"{cookie}; {antiforgery}");
        using var response = await app.Client(handleCookies: false).SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/Account/Login", response.Headers.Location?.OriginalString);
    }

    /// <summary>The first request of a circuit, as a page of <paramref name="origin"/> would send it (null: no Origin, not a browser).</summary>
    private static async Task<HttpStatusCode> NegotiateAsync(HttpClient client, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        if (origin is not null) request.Headers.Add("Origin", origin);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
