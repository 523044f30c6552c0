using CommsPlan.Core.Common.HeavyJobs;
using CommsPlan.Core.Data;
using CommsPlan.Core.Data.Backups;
using CommsPlan.Core.Evidence;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Reliability;
using CommsPlan.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using static CommsPlan.Tests.Reliability.WebHardeningTests;

namespace CommsPlan.Tests.Dashboard.Hosting;

/// <summary>Every setting group is bound and checked at start: a bad value stops the app with one line that names it.</summary>
public sealed class SettingsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "commsplan-settings", Guid.NewGuid().ToString("N"));

    private string DatabaseFile => Path.Combine(_folder, "settings.db");

    public SettingsTests() => Directory.CreateDirectory(_folder);

    /// <summary>
    /// Starts the app with one setting changed and returns what it logged. Program stops before the database when a
    /// setting is wrong; the test host takes an entry point that returns as a start that did nothing, so the log and
    /// the untouched database file are what show it.
    /// </summary>
    private IReadOnlyList<string> Start(string key, string value)
    {
        var logs = new CapturedLogs();
        using (var app = new HardenedApp(DatabaseFile, "Development", (key, value)) { Logs = logs })
        {
            try
            {
                _ = app.Server;
            }
            catch (InvalidOperationException)
            {
                // Some hosts report the entry point's early return; the log says why either way.
            }
        }
        return [.. logs.Messages.Select(m => m.Message)];
    }

    [Theory]
    [InlineData("Backup:IntervalHours", "-1")]
    [InlineData("Backup:IntervalHours", "daily")]
    [InlineData("Backup:KeepDays", "0")]
    [InlineData("Limits:HeavyJobs", "0")]
    [InlineData("RateLimits:LoginPerMinute", "many")]
    [InlineData("Api:RequestsPerMinute", "0")]
    [InlineData("Reporting:DueDays", "90")]
    [InlineData("ReverseProxy:KnownProxies", "10.0.0.5, proxy.internal")]
    [InlineData("Hosting:PublicOrigins", "https://commsplan.thainguyen.gov.vn/app")]
    [InlineData("Mail:ReminderHour", "24")]
    [InlineData("Evidence:MaxFileMegabytes", "0")]
    [InlineData("Evidence:MaxFilesPerRecord", "many")]
    public void ABadSettingStopsTheStartWithOneLineNamingItBeforeTheDatabaseIsTouched(string key, string value)
    {
        var logged = Start(key, value);

        var line = Assert.Single(logged, m => m.Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain('\n', line);
        Assert.False(File.Exists(DatabaseFile));
    }

    [Fact]
    public void TheLineSaysWhatTheSettingMustBe()
    {
        var logged = Start("Backup:IntervalHours", "9000");

        Assert.Contains("Backup:IntervalHours must be from 0 to 8760 hours (0 turns the schedule off).", logged);
    }

    [Fact]
    public void TheAppStartsWhenEverySettingIsRight()
    {
        var logged = Start("Backup:IntervalHours", "12");

        Assert.True(File.Exists(DatabaseFile));
        Assert.DoesNotContain(logged, m => m.Contains("Backup:IntervalHours", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Database", "BusyTimeoutSeconds", "0", "Database:BusyTimeoutSeconds must be from 1 to 600 seconds.")]
    [InlineData("Database", "Provider", "Oracle", "Database:Provider must be Sqlite or PostgreSQL, not \"Oracle\".")]
    [InlineData("Seed", "DemoToday", "20/10/2021", "Failed to convert configuration value '20/10/2021' at 'Seed:DemoToday'")]
    public void AGroupReadWhileServicesAreRegisteredIsCheckedByTheSameRules(string section, string key, string value, string message)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create($"{section}:{key}", (string?)value)]).Build();

        var error = Assert.Throws<SettingsException>(() => section == "Database"
            ? Settings.Read<DatabaseOptions>(settings, section)
            : (object)Settings.Read<DemoOptions>(settings, section));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void TheSettingsFileHoldsTheDefaultsOfEveryGroup()
    {
        var file = new ConfigurationBuilder().AddJsonFile(Path.Combine(ReliabilityServices.RepositoryRoot(), "appsettings.json")).Build();

        Assert.Equivalent(new DatabaseOptions(), Settings.Read<DatabaseOptions>(file, DatabaseOptions.Section), strict: true);
        Assert.Equivalent(new DemoOptions(), Settings.Read<DemoOptions>(file, DemoOptions.Section), strict: true);
        Assert.Equivalent(new BootstrapOptions { AdminUser = "", AdminPassword = "" }, Settings.Read<BootstrapOptions>(file, BootstrapOptions.Section), strict: true);
        Assert.Equivalent(new BackupOptions(), Settings.Read<BackupOptions>(file, BackupOptions.Section), strict: true);
        Assert.Equivalent(new HeavyJobLimits(), Settings.Read<HeavyJobLimits>(file, HeavyJobLimits.Section), strict: true);
        Assert.Equivalent(new RateLimitOptions(), Settings.Read<RateLimitOptions>(file, RateLimitOptions.Section), strict: true);
        Assert.Equivalent(new ApiOptions(), Settings.Read<ApiOptions>(file, ApiOptions.Section), strict: true);
        Assert.Equivalent(new HostingOptions(), Settings.Read<HostingOptions>(file, HostingOptions.Section), strict: true);
        Assert.Equivalent(new ReportingOptions(), Settings.Read<ReportingOptions>(file, ReportingOptions.Section), strict: true);
        Assert.Equivalent(new EvidenceOptions(), Settings.Read<EvidenceOptions>(file, EvidenceOptions.Section), strict: true);
    }

    [Fact]
    public void AListSettingIsReadAsAListOrAsOneCommaSeparatedValue()
    {
        static ReverseProxyOptions Read(params (string Key, string Value)[] values) => Settings.Read<ReverseProxyOptions>(
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build(),
            ReverseProxyOptions.Section);

        Assert.Equal(["10.0.0.5", "10.0.0.6"], Read(("ReverseProxy:KnownProxies", "10.0.0.5, 10.0.0.6")).KnownProxies);
        Assert.Equal(["10.0.0.7"], Read(("ReverseProxy:KnownProxies:0", "10.0.0.7")).KnownProxies);
        Assert.Empty(Read().KnownProxies);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
