using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CommsPlan.Core.Data.Backups;
using CommsPlan.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CommsPlan.Tests.Reliability;

/// <summary>
/// A crash mid-stream: the writer process is killed with SIGKILL while several writers are saving; the real app is
/// then started on the same file. Every save that was acknowledged must be there and the file must be sound.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private const int Writers = 4;
    // Enough acknowledged saves that the kill lands in the middle of the stream, with commits in flight.
    private const int AcknowledgedBeforeKill = 120;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "commsplan-durability", Guid.NewGuid().ToString("N"));

    public DurabilityTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task EveryAcknowledgedSaveSurvivesSigkillAndTheRestartedAppFindsASoundDatabase()
    {
        var database = Path.Combine(_folder, "durability.db");
        var acknowledged = new List<string>();
        using (var probe = Start(ReliabilityServices.Output("tools/CommsPlan.DurabilityProbe", "CommsPlan.DurabilityProbe.dll"),
                   [database, Writers.ToString(System.Globalization.CultureInfo.InvariantCulture)], []))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (acknowledged.Count < AcknowledgedBeforeKill)
            {
                var line = await probe.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"The writer stopped early: {await probe.StandardError.ReadToEndAsync()}");
                if (line.StartsWith("ACK ", StringComparison.Ordinal)) acknowledged.Add(line[4..]);
            }
            // SIGKILL on Unix: no finalizers, no flush, no checkpoint; whatever SQLite promised must already be on disk.
            probe.Kill(entireProcessTree: true);
            await probe.WaitForExitAsync();
            // The writers were still going: lines already in the pipe are acknowledgements too.
            while (await probe.StandardOutput.ReadLineAsync() is { } rest)
            {
                if (rest.StartsWith("ACK ", StringComparison.Ordinal) && !rest.Contains('\0')) acknowledged.Add(rest[4..]);
            }
        }
        Assert.True(File.Exists(database + "-wal"), "The kill should leave a WAL behind for recovery to replay.");

        // The real app starts on the crashed file (recovery, migrations, health) and answers.
        var port = FreePort();
        using (var app = Start(ReliabilityServices.Output("CommsPlan.Dashboard", "CommsPlan.Dashboard.dll"), [],
                   new()
                   {
                       ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                       ["ASPNETCORE_ENVIRONMENT"] = "Production",
                       ["ConnectionStrings__CommsPlan"] = $"Data Source={database}",
                       ["Backup__Directory"] = Path.Combine(_folder, "backups"),
                       ["Backup__IntervalHours"] = "0",
                       ["DataProtection__CertificatePath"] = TestCertificates.OfFolder(_folder),
                       ["DataProtection__CertificatePassword"] = TestCertificates.Password,
                   }))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var body = await WaitForHealthAsync(http, app);
            Assert.Contains("\"database\":\"Healthy\"", body);
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }

        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("ok", DatabaseBackup.IntegrityCheck(connection));
        var present = new HashSet<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Title FROM Activities WHERE Title LIKE 'Probe %'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) present.Add(reader.GetString(0));
        }
        var lost = acknowledged.Where(t => !present.Contains(t)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged saves are missing, e.g. {string.Join(", ", lost.Take(5))}");
        Assert.True(present.Count >= acknowledged.Count);
    }

    private static Process Start(string dll, string[] arguments, Dictionary<string, string> environment)
    {
        Assert.True(File.Exists(dll), $"{dll} is not built.");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        return Process.Start(info) ?? throw new InvalidOperationException($"{dll} did not start.");
    }

    /// <summary>Polls /healthz until the app answers (it recovers and migrates first); fails if the app exits.</summary>
    private static async Task<string> WaitForHealthAsync(HttpClient http, Process app)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (app.HasExited) throw new InvalidOperationException($"The app exited: {await app.StandardOutput.ReadToEndAsync()}");
            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK) return await response.Content.ReadAsStringAsync();
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
            }
            // Waiting for another process to start listening: there is nothing in-process to await.
            await Task.Delay(100);
        }
        throw new TimeoutException("The restarted app did not answer /healthz within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
