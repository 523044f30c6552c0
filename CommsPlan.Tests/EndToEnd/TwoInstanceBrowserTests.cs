using System.Net;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Administration;
using CommsPlan.Core.Data;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

/// <summary>
/// Two app instances on two ports behind one PostgreSQL database, as behind a load balancer: what a user does on
/// one is what users of the other see, live, and a sign-in on one is valid on the other.
/// </summary>
[Collection(TwoInstanceCollection.Name)]
public sealed class TwoInstanceBrowserTests(TwoInstanceFixture instances) : IOnPostgreSql
{
    [Fact]
    public async Task AnActivitySavedThroughOneInstanceShowsLiveOnTheOverviewOfTheOther()
    {
        var monitor = await instances.LoginAsync(instances.B, "giamsat");
        var kpi = monitor.GetByTestId("kpi-activities");
        await Assertions.Expect(kpi).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var before = long.Parse((await kpi.InnerTextAsync()).Replace(".", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await monitor.EvaluateAsync("() => window.__notReloaded = true");

        // Saved through instance A's own services: its notifier is the only way B can learn of it.
        var service = instances.A.Services.GetRequiredService<ActivityService>();
        var catalogue = await service.GetCatalogueAsync();
        var agency = catalogue.Agencies.Single(a => a.Code == "STP");
        var officer = new CurrentUser("e2e-two-instances", "tuphap", [Roles.AgencyOfficer], agency.Id);
        await service.CreateAsync(officer, new ActivityInput
        {
            ChannelId = catalogue.Channels.Single(c => c.Code == "WEB").Id,
            Title = $"Tin bài trên Cổng thông tin ({Guid.NewGuid():N})",
            StartDate = new DateOnly(2021, 10, 5),
            Quantity = 1,
            ObjectiveIds = [catalogue.Objectives[0].Id],
            ThemeIds = [catalogue.Themes[0].Id],
        });

        await Assertions.Expect(kpi).ToHaveTextAsync(Vn.Number(before + 1));
        Assert.True(await monitor.EvaluateAsync<bool>("() => window.__notReloaded === true"), "B's page must update without a reload.");
        await monitor.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAdministratorsLockThroughOneInstanceSendsTheUsersOpenPageOnTheOtherToTheSignInPage()
    {
        var (userId, userName) = await SignInBrowserTests.CreateViewerAsync(instances.A.Services);
        var page = await instances.LoginAsync(instances.B, userName, "Hoa-sen#Tim42");
        await page.GotoAsync(new Uri(instances.B.BaseAddress, "/plan").ToString());
        await AppFixture.WaitForInteractiveAsync(page);

        // Locked through A's own services: B's circuit learns of it only through the database (LISTEN/NOTIFY).
        var users = instances.A.Services.GetRequiredService<UserAdminService>();
        await users.LockAsync(CurrentUser.System, userId, (await users.GetAsync(CurrentUser.System, userId)).ConcurrencyStamp);

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login\\?ReturnUrl=%2Fplan"), new() { Timeout = 10_000 });
        Assert.StartsWith(instances.B.BaseAddress.ToString(), page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ASignInOnOneInstanceIsValidOnTheOther()
    {
        var page = await instances.LoginAsync(instances.A, "giamsat");

        // Same host, another port: the browser sends the cookie A issued; B must read it with the shared keys.
        await page.GotoAsync(new Uri(instances.B.BaseAddress, "/reporting").ToString());
        await AppFixture.WaitForInteractiveAsync(page);
        Assert.DoesNotContain("/Account/Login", page.Url, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(instances.B.BaseAddress.ToString(), page.Url, StringComparison.Ordinal);
        // B's page, with B's data: the reporting board for the monitor, read through B's own connection.
        await Assertions.Expect(page.GetByTestId("completeness-2021-Q1")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await AppFixture.ScreenshotAsync(page, "two-instances-reporting-on-b");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TwoInstancesSendingFromOneOutboxDeliverEachMailOnce()
    {
        // Queued through instance A's database; both instances' senders poll the same outbox every second.
        var tag = Guid.NewGuid().ToString("N")[..8];
        var count = CommsPlan.Core.Mail.OutboxSender.BatchSize * 2 + 5;
        var factory = instances.A.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CommsPlanDbContext>>();
        var now = instances.A.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using (var db = await factory.CreateDbContextAsync())
        {
            foreach (var i in Enumerable.Range(1, count))
                await CommsPlan.Core.Mail.Outbox.EnqueueAsync(db, new CommsPlan.Core.Mail.OutgoingMail(CommsPlan.Core.Mail.MailKind.ReportDue,
                    $"two-instances:{tag}:{i}", $"can-bo-{i}@thainguyen.example", "Sở Tư pháp", $"Thư {tag} số {i}",
                    "Kính gửi Sở Tư pháp,\nHạn gửi báo cáo Quý III/2021 là ngày 19/9/2021."), now, "giamsat");
            await db.SaveChangesAsync();
        }

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync();
            var left = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
                db.OutboxMails.Where(m => m.DedupKey.StartsWith($"two-instances:{tag}:") && m.Status != CommsPlan.Core.Mail.MailStatus.Sent));
            if (left == 0) break;
            Assert.True(DateTime.UtcNow < deadline, $"{left} of {count} mails still unsent after 90 s.");
            await Task.Delay(250);
        }

        // Sent is recorded after the server accepted the mail: every one is at the server, and none twice.
        var subjects = instances.Smtp.Messages().Select(m => m.Subject ?? "").Where(s => s.StartsWith($"Thư {tag} ", StringComparison.Ordinal)).ToList();
        Assert.Equal(count, subjects.Count);
        Assert.Equal(count, subjects.Distinct().Count());
        await using (var db = await factory.CreateDbContextAsync())
        {
            var attempts = db.OutboxMails.Where(m => m.DedupKey.StartsWith($"two-instances:{tag}:")).Select(m => m.Attempts).ToList();
            Assert.All(attempts, a => Assert.Equal(1, a));
        }
    }
}

/// <summary>A PostgreSQL database of its own, two Dashboards on it and one headless Chromium.</summary>
public sealed class TwoInstanceFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private IPlaywright? _playwright;

    /// <summary>The one SMTP server both instances send through, as two app servers share the province's mail relay.</summary>
    public SmtpTestServer Smtp { get; } = new();
    private IBrowser? _browser;

    public Instance A { get; private set; } = null!;
    public Instance B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // With the PostgreSQL tests switched off the tests are reported skipped; start nothing for them.
        if (PostgreSqlTests.Off) return;
        _database = await TestDatabase.CreateEmptyAsync(DatabaseProvider.PostgreSQL);
        await Smtp.StartAsync();
        // One after the other: the first migrates and seeds the demo, the second finds it done.
        A = Instance.Start(_database.ConnectionString, Smtp.Port);
        B = Instance.Start(_database.ConnectionString, Smtp.Port);
        _playwright = await Playwright.CreateAsync();
        _browser = await AppFixture.LaunchBrowserAsync(_playwright);
    }

    /// <summary>A fresh browser context signed in on <paramref name="instance"/>, on its overview.</summary>
    public async Task<IPage> LoginAsync(Instance instance, string userName, string password = AppFixture.DemoPassword)
    {
        var context = await _browser!.NewContextAsync(new() { Locale = "vi-VN", ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        await AppFixture.SignInAsync(page, instance.BaseAddress, userName, password);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        Smtp.Dispose();
    }

    public sealed class Instance(string connectionString, int smtpPort) : WebApplicationFactory<Program>
    {
        public Uri BaseAddress { get; private set; } = null!;

        public static Instance Start(string connectionString, int smtpPort)
        {
            var instance = new Instance(connectionString, smtpPort);
            instance.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            instance.StartServer();
            var addresses = instance.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            instance.BaseAddress = new Uri(addresses.Addresses.First());
            return instance;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "PostgreSQL");
            builder.UseSetting("ConnectionStrings:CommsPlan", connectionString);
            builder.UseSetting("Seed:DemoData", "true");
            builder.UseSetting("RateLimits:LoginPerMinute", "100000");
            // Both instances run their outbox sender against the same outbox, every second.
            builder.UseSetting("Mail:Host", "127.0.0.1");
            builder.UseSetting("Mail:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Mail:UseTls", "false");
            builder.UseSetting("Mail:From", "kstt@thainguyen.example");
            builder.UseSetting("Mail:PollSeconds", "1");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TwoInstanceCollection : ICollectionFixture<TwoInstanceFixture>
{
    public const string Name = "TwoInstances";
}
