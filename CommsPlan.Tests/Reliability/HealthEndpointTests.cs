using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CommsPlan.Core.Common.HeavyJobs;
using CommsPlan.Core.Reports;
using CommsPlan.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Reliability;

/// <summary>
/// `/healthz` over HTTP through the real app: who sees what, what a database that cannot be written (or is held by
/// another writer) looks like to a load balancer, and that heavy exports do not starve it.
/// </summary>
public sealed class HealthEndpointTests(InProcessApp app) : IClassFixture<InProcessApp>, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "commsplan-health", Guid.NewGuid().ToString("N"));

    private string DatabaseFile
    {
        get
        {
            Directory.CreateDirectory(_folder);
            return Path.Combine(_folder, "health.db");
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    private static string[] Properties(JsonElement body) => [.. body.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public async Task AnAnonymousCallerFromAnotherMachineGetsTheStatusAlone()
    {
        var (status, body) = await GetAsync(app.NewClient());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["status"], Properties(body));
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ASignedInUserWhoIsNotAnAdministratorGetsTheStatusAlone()
    {
        var (_, body) = await GetAsync(await app.SignedInClientAsync("giamsat"));

        Assert.Equal(["status"], Properties(body));
    }

    [Fact]
    public async Task AnAdministratorGetsTheChecksTheEngineTheBackupAndTheQueue()
    {
        var (status, body) = await GetAsync(await app.SignedInClientAsync("admin"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("Sqlite", body.GetProperty("database").GetProperty("engine").GetString());
        Assert.True(body.GetProperty("database").TryGetProperty("writeProbeMs", out _));
        Assert.True(body.GetProperty("backup").TryGetProperty("ageHours", out _));
        Assert.Equal(0, body.GetProperty("heavyJobs").GetProperty("waiting").GetInt32());
    }

    [Fact]
    public async Task ARequestFromTheServerItselfGetsTheDetails()
    {
        await using var local = new WebHardeningTests.HardenedApp(DatabaseFile, "Development") { ConnectionAddress = IPAddress.Loopback };

        var (status, body) = await GetAsync(local.Client());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("Sqlite", body.GetProperty("database").GetProperty("engine").GetString());
    }

    [Fact]
    public async Task ADatabaseFileThatCannotBeWrittenIsUnhealthyWith503()
    {
        await using var local = new WebHardeningTests.HardenedApp(DatabaseFile, "Development") { ConnectionAddress = IPAddress.Loopback };
        var client = local.Client();
        var (before, _) = await GetAsync(client);

        HttpStatusCode during;
        JsonElement body;
        using (ReadOnlyFile.Make(DatabaseFile))
        {
            // While the app's pooled connections hold the file open for writing, SQLite in this process still writes
            // through them, so the probe did too: the file reads as read-only once they are closed, as after a restart.
            SqliteConnection.ClearAllPools();
            (during, body) = await GetAsync(client);
        }
        var (after, _) = await GetAsync(client);

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("ReadOnly", body.GetProperty("database").GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task AWriteLockHeldByAnotherConnectionIsDegradedStill200()
    {
        await using var local = new WebHardeningTests.HardenedApp(DatabaseFile, "Development") { ConnectionAddress = IPAddress.Loopback };
        var client = local.Client();
        _ = await GetAsync(client); // started and migrated before the lock is taken

        HttpStatusCode status;
        JsonElement body;
        await using (var holder = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False"))
        {
            await holder.OpenAsync();
            await using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
            (status, body) = await GetAsync(client);
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", body.GetProperty("checks").GetProperty("database").GetString());
        Assert.True(body.GetProperty("database").GetProperty("writeProbeMs").GetDouble() > 1000);
    }

    [Fact]
    public async Task WhileEightYearExportsRunAndWaitTheMedianOfFiveHealthProbesAnswersWithinASecond()
    {
        const string year = "/api/reports/consolidated.xlsx?from=2021-01-01&to=2021-12-31";
        var limiter = app.Services.GetRequiredService<HeavyJobLimiter>();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in new[] { "lanhdao", "giamsat", "admin" }) clients[user] = await app.SignedInClientAsync(user);
        var anonymous = app.NewClient();
        _ = await GetAsync(anonymous); // the first request of a client pays for its own setup, not the probes

        var exports = new[] { "lanhdao", "giamsat", "admin", "lanhdao", "giamsat", "admin", "lanhdao", "giamsat" }
            .Select(user => clients[user].GetAsync(year)).ToList();
        // The probes start once every export is in the limiter (running or waiting) or already answered.
        var deadline = Stopwatch.StartNew();
        while (limiter.Snapshot() is var s && s.Running + s.Waiting + exports.Count(e => e.IsCompleted) < exports.Count)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), "The exports never reached the limiter.");
            await Task.Delay(10);
        }
        var busy = limiter.Snapshot();
        var probes = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await anonymous.GetAsync("/healthz");
            probes.Add(watch.Elapsed);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var answers = await Task.WhenAll(exports);

        Assert.True(busy.Running > 0, "The probes must run while exports do.");
        Assert.True(busy.Running <= limiter.Limits.HeavyJobs);
        var median = probes.Order().ElementAt(probes.Count / 2);
        Assert.True(median < TimeSpan.FromSeconds(1), $"Median health probe {median.TotalMilliseconds:0} ms; probes: "
            + string.Join(", ", probes.Select(p => $"{p.TotalMilliseconds:0}")));
        Assert.All(answers, a =>
        {
            Assert.Equal(HttpStatusCode.OK, a.StatusCode);
            Assert.Equal(ConsolidatedReportBuilder.ContentType, a.Content.Headers.ContentType?.MediaType);
        });
        foreach (var answer in answers) answer.Dispose();
    }

    [Fact]
    public async Task AFullQueueAnswers503WithRetryAfterAndAVietnameseReasonThenServesWhenFree()
    {
        const string quarter = "/api/reports/consolidated.xlsx?from=2020-12-15&to=2021-03-14";
        await using var small = new InProcessApp(("Limits:HeavyJobs", "1"), ("Limits:HeavyQueue", "0"));
        await ((IAsyncLifetime)small).InitializeAsync();
        var client = await small.SignedInClientAsync("giamsat");
        var limiter = small.Services.GetRequiredService<HeavyJobLimiter>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = limiter.RunAsync(new HeavyJobRequest("someone-else", "test"), token => gate.Task.WaitAsync(token));

        using var refused = await client.GetAsync(quarter);
        var problem = await refused.Content.ReadAsStringAsync();
        gate.SetResult();
        await holder;
        using var served = await client.GetAsync(quarter);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Máy chủ đang bận", JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
