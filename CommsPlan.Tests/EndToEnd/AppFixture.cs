using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using CommsPlan.Tests.Support;
using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

/// <summary>
/// The real app on a loopback port with a fresh database, and one headless Debian Chromium, shared by every
/// test of the browser collection. Each test makes its own data and opens its own browser context.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    /// <summary>The demo's "today" (`Seed:DemoToday`'s default), which every browser test's data and assertions assume.</summary>
    public static readonly DateOnly DemoToday = new(2021, 10, 20);

    private readonly TimeProvider? _clock;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "commsplan-e2e", Guid.NewGuid().ToString("N"));
    private Factory? _factory;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => _factory!.Services;
    /// <summary>The app sends its mail here: a real SMTP server on loopback (python3-aiosmtpd).</summary>
    public SmtpTestServer Smtp { get; } = new();

    public AppFixture() : this(null)
    {
    }

    /// <param name="clock">The app's clock in place of the demo's fixed day (<see cref="ClockedAppFixture"/>); the demo's when null.</param>
    protected AppFixture(TimeProvider? clock) => _clock = clock;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await Smtp.StartAsync();
        _factory = new Factory(Path.Combine(_folder, "e2e.db"), Smtp.Port, _clock);
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First());

        // The machines running the suite are shared with builds: auto-waiting assertions get more than the default 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchBrowserAsync(_playwright);
    }

    /// <summary>Debian's Chromium, headless, without the background traffic this machine's closed network refuses.</summary>
    public static Task<IBrowser> LaunchBrowserAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });

    /// <summary>
    /// A page in a fresh browser context, signed in as <paramref name="userName"/> and showing the overview
    /// (interactive unless <paramref name="waitForInteractive"/> is false: a user without a role lands on the static 403 page).
    /// </summary>
    public async Task<IPage> LoginAsync(string userName, string password = DemoPassword, bool waitForInteractive = true)
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, BaseAddress, userName, password, waitForInteractive);
        return page;
    }

    /// <summary>Signs in through the sign-in form of the app at <paramref name="baseAddress"/>.</summary>
    public static async Task SignInAsync(IPage page, Uri baseAddress, string userName, string password = DemoPassword, bool waitForInteractive = true)
    {
        await page.GotoAsync(new Uri(baseAddress, "/Account/Login").ToString());
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase), new() { Timeout = 30_000 });
        if (waitForInteractive) await WaitForInteractiveAsync(page);
    }

    /// <summary>Navigates within the app and waits until the new page is interactive.</summary>
    public async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(new Uri(BaseAddress, path).ToString());
        await WaitForInteractiveAsync(page);
    }

    public const string DemoPassword = "Demo@2021";

    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString(), Locale = "vi-VN", ViewportSize = new() { Width = 1440, Height = 900 } });

    /// <summary>A click before the circuit connects is lost: wait for the layout's marker.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    /// <summary>
    /// Saves a screenshot for review under .test-results/screenshots/ of the repository, or under the folder
    /// COMMSPLAN_SCREENSHOTS names (`COMMSPLAN_SCREENSHOTS=docs/screenshots ./test.sh` refreshes the README's).
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot(),
            Environment.GetEnvironmentVariable("COMMSPLAN_SCREENSHOTS") is { Length: > 0 } chosen ? chosen : Path.Combine(".test-results", "screenshots"));
        Directory.CreateDirectory(folder);
        // Transitions finished: headless Chromium may leave one (a tab's underline) part-way when the picture is taken.
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = false, Animations = ScreenshotAnimations.Disabled });
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommsPlan.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CommsPlan.sln not found above the test output.");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        Smtp.Dispose();
    }

    private sealed class Factory(string databaseFile, int smtpPort, TimeProvider? clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:CommsPlan", $"Data Source={databaseFile}");
            // The demo accounts and the demo year, as a new user sees them; tests add their own data on top.
            builder.UseSetting("Seed:DemoData", "true");
            builder.UseSetting("Seed:DemoToday", DemoToday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            // Backups beside the test database, never in the project folder; the suite signs in far more often
            // than a person could, so the sign-in rate limit is lifted (SecurityHeaderTests proves it).
            builder.UseSetting("Backup:Directory", Path.Combine(Path.GetDirectoryName(databaseFile)!, "backups"));
            builder.UseSetting("RateLimits:LoginPerMinute", "100000");
            // A save behind another connection's write lock gives up after three seconds, not thirty (FailureBrowserTests).
            builder.UseSetting("Database:BusyTimeoutSeconds", "3");
            // Mail goes to the fixture's SMTP server, looked for every second so a test sees it sent without long waits.
            builder.UseSetting("Mail:Host", "127.0.0.1");
            builder.UseSetting("Mail:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Mail:UseTls", "false");
            builder.UseSetting("Mail:From", "kstt@thainguyen.example");
            builder.UseSetting("Mail:PollSeconds", "1");
            // The one "today" every service, page and the seeding read, replacing the demo's fixed day.
            if (clock is not null) builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }
    }
}

/// <summary>
/// The app on a database of its own whose "today" a test moves (<see cref="Clock"/>), starting on the demo's day: the
/// year turning over as a running app sees it, without touching the shared collection's day.
/// </summary>
public sealed class ClockedAppFixture : AppFixture
{
    public ClockedAppFixture() : this(new SettableDayClock(DemoToday))
    {
    }

    private ClockedAppFixture(SettableDayClock clock) : base(clock) => Clock = clock;

    public SettableDayClock Clock { get; }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "Browser";
}
