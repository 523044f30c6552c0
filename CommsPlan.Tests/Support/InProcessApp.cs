using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace CommsPlan.Tests.Support;

/// <summary>
/// The real app, in process (TestServer, no browser), on a fresh database with the demo accounts: for tests that
/// make HTTP requests as a given user. Clients keep cookies and do not follow redirects, so a test sees where the
/// app sends it.
/// </summary>
public sealed class InProcessApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "commsplan-http", Guid.NewGuid().ToString("N"));
    private readonly (string Key, string Value)[] _settings;

    public InProcessApp() : this([])
    {
    }

    /// <summary>With settings of the test's own (Limits:…, Database:…); internal, so xunit sees one public constructor.</summary>
    internal InProcessApp(params (string Key, string Value)[] settings) => _settings = settings;

    /// <summary>The database file.</summary>
    public string DatabaseFile => Path.Combine(_folder, "http.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:CommsPlan", $"Data Source={DatabaseFile}");
        builder.UseSetting("Seed:DemoData", "true");
        // Backups beside the test database; the sign-in rate limit lifted (tests sign in far more often than people).
        builder.UseSetting("Backup:Directory", Path.Combine(_folder, "backups"));
        builder.UseSetting("RateLimits:LoginPerMinute", "100000");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public Task InitializeAsync()
    {
        _ = Server; // start the app: migrate, seed, demo accounts
        return Task.CompletedTask;
    }

    public HttpClient NewClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in the way a person signs in: the login form, with its antiforgery token.</summary>
    public async Task<HttpClient> SignedInClientAsync(string userName, string password = AppPasswords.Demo)
    {
        var client = NewClient();
        await SignInAsync(client, userName, password);
        return client;
    }

    public static async Task SignInAsync(HttpClient client, string userName, string password = AppPasswords.Demo)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenValue(form, "__RequestVerificationToken"),
            ["_handler"] = HiddenValue(form, "_handler"),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        };
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("/Account/Login") == true)
            throw new InvalidOperationException($"Signing in as {userName} failed: {(int)response.StatusCode} {response.Headers.Location}");
    }

    private static string HiddenValue(string html, string name)
    {
        var match = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"");
        if (!match.Success) match = Regex.Match(html, $"<input[^>]*value=\"([^\"]*)\"[^>]*name=\"{Regex.Escape(name)}\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"The login form has no {name} field.");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

public static class AppPasswords
{
    public const string Demo = CommsPlan.Core.Access.AccountSeeder.DemoPassword;
}
