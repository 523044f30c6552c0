using System.Net;
using CommsPlan.Core.Data;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommsPlan.Tests.Reliability;

/// <summary>The web-facing defences, over HTTP against the real app (TestServer).</summary>
public sealed class WebHardeningTests(WebHardeningTests.SharedApp shared) : IDisposable, IClassFixture<WebHardeningTests.SharedApp>
{
    internal const string AdminPassword = "Quantri@2026x";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "commsplan-hardening", Guid.NewGuid().ToString("N"));

    private string Database
    {
        get
        {
            Directory.CreateDirectory(_folder);
            return Path.Combine(_folder, "web.db");
        }
    }

    /// <summary>One app in Development for the tests that only read (headers, antiforgery, health).</summary>
    public sealed class SharedApp : IAsyncLifetime
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "commsplan-hardening", Guid.NewGuid().ToString("N"));
        internal HardenedApp App { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Directory.CreateDirectory(_folder);
            App = new HardenedApp(Path.Combine(_folder, "shared.db"), "Development");
            _ = App.Server;
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task PagesAndEndpointsCarryTheSecurityHeaders()
    {
        var client = shared.App.Client();

        foreach (var path in new[] { "/Account/Login", "/healthz", "/", "/no-such-page" })
        {
            using var response = await client.GetAsync(path);
            var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", string.Join("", response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", string.Join("", response.Headers.GetValues("X-Frame-Options")));
        }
    }

    [Fact]
    public async Task StateChangingPostsWithoutAnAntiforgeryTokenAreRefused()
    {
        // The right password, but no token: a forged cross-site sign-in must not sign anyone in.
        using var login = await shared.App.Client().PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.UserName"] = "admin", ["Input.Password"] = AdminPassword,
        }));
        Assert.False(login.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("CommsPlan.Auth", StringComparison.Ordinal)));

        // A forged sign-out: refused, and the user stays signed in.
        var client = shared.App.Client();
        await InProcessApp.SignInAsync(client, "admin", AdminPassword);
        using var logout = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));
        using var still = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task SignInAttemptsBeyondTheLimitAreRefusedWithAVietnameseMessage()
    {
        await using var app = new HardenedApp(Database, "Development", ("RateLimits:LoginPerMinute", "3"));

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => InProcessApp.SignInAsync(app.Client(), "giamsat", "Sai@mat-khau1"));
            Assert.Contains("200", ex.Message);
        }
        var client = app.Client();
        // Even the right password waits: the limit is on attempts from the address, not on failures.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => InProcessApp.SignInAsync(client, "admin", AdminPassword));
        Assert.Contains("429", refused.Message);
        using var again = await PostLoginAsync(client);
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Contains(WebHardening.TooManyAttemptsMessage, System.Net.WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
        Assert.Equal("60", string.Join("", again.Headers.GetValues("Retry-After")));
    }

    [Fact]
    public async Task BehindAKnownProxyTheSignInLimitCountsEachForwardedClientApart()
    {
        // Every request reaches the app from the balancer's address, as behind nginx.
        await using var app = new HardenedApp(Database, "Development", ("RateLimits:LoginPerMinute", "2"), ("ReverseProxy:KnownProxies", "10.0.0.5"))
        {
            ConnectionAddress = IPAddress.Parse("10.0.0.5"),
        };
        var first = app.Client();
        first.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.1");
        for (var attempt = 0; attempt < 2; attempt++)
            await Assert.ThrowsAsync<InvalidOperationException>(() => InProcessApp.SignInAsync(first, "admin", "Sai@mat-khau1"));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => InProcessApp.SignInAsync(first, "admin", AdminPassword));
        Assert.Contains("429", refused.Message);

        var second = app.Client();
        second.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.2");
        await InProcessApp.SignInAsync(second, "admin", AdminPassword);
    }

    [Fact]
    public async Task AForwardedAddressFromAnUnknownSenderIsIgnored()
    {
        await using var app = new HardenedApp(Database, "Development", ("RateLimits:LoginPerMinute", "1"), ("ReverseProxy:KnownProxies", "10.0.0.5"))
        {
            ConnectionAddress = IPAddress.Parse("198.51.100.7"),
        };
        var first = app.Client();
        first.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.1");
        await Assert.ThrowsAsync<InvalidOperationException>(() => InProcessApp.SignInAsync(first, "admin", "Sai@mat-khau1"));

        // A client cannot dodge the limit by claiming another address.
        var second = app.Client();
        second.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.2");
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => InProcessApp.SignInAsync(second, "admin", AdminPassword));
        Assert.Contains("429", refused.Message);
    }

    [Fact]
    public void OutsideDemoModeTheAppNeedsACertificateForItsKeysAndTheDemoOnlyWarns()
    {
        static DemoOptions Settings(string demo) => CommsPlan.Dashboard.Hosting.Settings.Read<DemoOptions>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Seed:DemoData"] = demo }).Build(), DemoOptions.Section);

        var error = Assert.Throws<KeyRingSettingsException>(() => WebHardening.KeyRingSettingsFor(new KeyRingSettings(), Settings("false")));

        Assert.StartsWith("DataProtection:CertificatePath is required outside demo mode", error.Message);
        Assert.False(WebHardening.KeyRingSettingsFor(new KeyRingSettings(), Settings("true")).HasCertificate);
    }

    [Fact]
    public async Task ASignInCookieSurvivesARestartBecauseTheKeysAreInTheDatabase()
    {
        string cookie;
        await using (var first = new HardenedApp(Database, "Development"))
        {
            var client = first.Client(handleCookies: false);
            cookie = await SignInForCookieAsync(client);
        }
        await using (var db = new CommsPlanDbContext(new DbContextOptionsBuilder<CommsPlanDbContext>().UseCommsPlan(DatabaseProvider.Sqlite, $"Data Source={Database};Pooling=False").Options))
        {
            Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        }

        await using var second = new HardenedApp(Database, "Development");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", cookie);
        using var response = await second.Client(handleCookies: false).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ProductionAnswersAnErrorWithTheErrorPageNeverTheExceptionAndSendsHsts()
    {
        await using var app = new HardenedApp(Database, "Production", ("https_port", "443"));
        var secure = app.Client(new Uri("https://commsplan.test"));
        // Signed in, so the request passes authorization and reaches the failing code.
        await InProcessApp.SignInAsync(secure, "admin", AdminPassword);

        using var error = await secure.GetAsync("/test-only-boom");
        var body = await error.Content.ReadAsStringAsync();
        using var plain = await app.Client().GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("Đã xảy ra lỗi", body);
        Assert.DoesNotContain(ThrowingMiddleware.Secret, body);
        Assert.DoesNotContain("   at ", body);
        Assert.Contains("max-age", string.Join("", error.Headers.GetValues("Strict-Transport-Security")));
        Assert.True(plain.StatusCode is HttpStatusCode.RedirectKeepVerb or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect);
        Assert.Equal("https", plain.Headers.Location?.Scheme);
    }

    [Fact]
    public async Task HealthReportsTheDatabaseAndTheAgeOfTheNewestBackup()
    {
        // The details are for the server itself (an operator's curl, a local agent) and administrators.
        await using var app = new HardenedApp(Database, "Development") { ConnectionAddress = IPAddress.Loopback };
        var client = app.Client();
        using var before = await client.GetAsync("/healthz");
        var beforeBody = await before.Content.ReadAsStringAsync();

        await app.Services.GetRequiredService<CommsPlan.Core.Data.Backups.DatabaseBackup>().BackUpAsync("test");
        var afterBody = await client.GetStringAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains("\"database\":\"Healthy\"", beforeBody);
        Assert.Contains("\"backup\":\"Degraded\"", beforeBody);
        Assert.Contains("\"ageHours\":\"none\"", beforeBody);
        Assert.Contains("\"backup\":\"Healthy\"", afterBody);
        Assert.Contains("\"ageHours\":0", afterBody);
    }

    private static async Task<string> SignInForCookieAsync(HttpClient client)
    {
        // Without a cookie container: carry the antiforgery cookie by hand and return the auth cookie.
        using var form = await client.GetAsync("/Account/Login");
        var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var html = await form.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["_handler"] = "login",
                ["Input.UserName"] = "admin", ["Input.Password"] = AdminPassword,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("CommsPlan.Auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static Task<HttpResponseMessage> PostLoginAsync(HttpClient client) =>
        client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "login" }));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// The real app on a given file, in a given environment, with extra settings; one administrator from the Bootstrap
    /// settings and no demo year (seeding a year of activities per app would cost more than every test here).
    /// </summary>
    internal sealed class HardenedApp(string database, string environment, params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("ConnectionStrings:CommsPlan", $"Data Source={database}");
            builder.UseSetting("Seed:DemoData", "false");
            builder.UseSetting("Bootstrap:AdminUser", "admin");
            builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
            builder.UseSetting("Backup:Directory", Path.Combine(Path.GetDirectoryName(database)!, "backups"));
            builder.UseSetting("Backup:IntervalHours", "0");
            // Outside demo mode the key ring must be encrypted: a certificate beside the database, as in production.
            builder.UseSetting("DataProtection:CertificatePath", TestCertificates.OfFolder(Path.GetDirectoryName(database)!));
            builder.UseSetting("DataProtection:CertificatePassword", TestCertificates.Password);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureServices(s => s.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, ThrowingMiddleware>());
            if (Logs is { } logs) builder.ConfigureLogging(l => l.AddProvider(logs));
            if (TestServices is { } configure) builder.ConfigureTestServices(configure);
            if (ConnectionAddress is { } address)
                builder.ConfigureServices(s => s.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter>(_ => new ConnectionFrom(address)));
        }

        /// <summary>Changes to the app's services, applied after the app's own registrations.</summary>
        public Action<IServiceCollection>? TestServices { get; init; }

        /// <summary>Where the app's log messages also go, for tests that read them.</summary>
        public CapturedLogs? Logs { get; init; }

        /// <summary>The address every request seems to come from (the test server has none of its own).</summary>
        public IPAddress? ConnectionAddress { get; init; }

        public HttpClient Client(Uri? baseAddress = null, bool handleCookies = true) => CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = handleCookies, BaseAddress = baseAddress ?? new Uri("http://localhost"),
        });
    }

    /// <summary>Sets the connection's remote address before the app's pipeline sees the request.</summary>
    private sealed class ConnectionFrom(IPAddress address) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>A path that throws, after the app's own pipeline (so inside its exception handler): a bug, simulated.</summary>
    private sealed class ThrowingMiddleware : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public const string Secret = "SECRET-INTERNAL-DETAIL";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate following) =>
                context.Request.Path == "/test-only-boom" ? throw new InvalidOperationException(Secret) : following(context));
        };
    }
}
