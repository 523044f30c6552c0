using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace CommsPlan.Benchmarks;

/// <summary>
/// Server memory per open overview circuit: the real app (the Dashboard's built dll, in a process of its own, on a
/// fresh demo database) and Chromium opening overview pages that stay open. The resident memory of the server
/// process is read once one page is open and settled, then after <c>pages</c> more, each showing its figures.
/// </summary>
public static class Circuits
{
    /// <param name="gcdumps">When set, a heap dump of the app (dotnet-gcdump, which forces a full GC first) is written
    /// there with one page open and again with all of them, each with its by-type report beside it.</param>
    public static async Task<Result> MeasureAsync(string folder, Action<string> log, int pages = 50, string? gcdumps = null)
    {
        var dashboard = FindDashboard();
        var port = FreePort();
        var database = Path.Combine(folder, $"circuits-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dashboard)! };
        start.ArgumentList.Add(dashboard);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__CommsPlan"] = $"Data Source={database}";
        start.Environment["Seed__DemoData"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var server = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Dashboard.");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            var address = new Uri($"http://127.0.0.1:{port}");
            await WaitForHealthAsync(address, server);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
            });
            var context = await browser.NewContextAsync(new() { BaseURL = address.ToString() });
            var first = await context.NewPageAsync();
            await first.GotoAsync("/Account/Login");
            await first.GetByLabel("Tên đăng nhập").FillAsync("giamsat");
            await first.GetByLabel("Mật khẩu").FillAsync(CommsPlan.Core.Access.AccountSeeder.DemoPassword);
            await first.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
            await first.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase), new() { Timeout = 120_000 });
            await ShowsFiguresAsync(first);
            await SettleAsync();
            var before = ProcessMemory.ResidentMb(server.Id);
            var beforeDump = await DumpAsync(gcdumps, "before", server.Id, log);

            var watch = Stopwatch.StartNew();
            for (var i = 0; i < pages; i++)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync("/");
                await ShowsFiguresAsync(page);
            }
            var opening = watch.Elapsed.TotalSeconds;
            await SettleAsync();
            var after = ProcessMemory.ResidentMb(server.Id);
            var afterDump = await DumpAsync(gcdumps, "after", server.Id, log);
            var perCircuit = (after - before) / pages;
            log(string.Create(CultureInfo.InvariantCulture,
                $"  circuits: server resident {before:F0} MB with one page, {after:F0} MB with {pages + 1}; {opening:F1} s to open {pages}"));
            if (beforeDump is { } b && afterDump is { } a)
                log(string.Create(CultureInfo.InvariantCulture,
                    $"  circuits: live managed heap after a full GC {b.HeapMb:F1} → {a.HeapMb:F1} MB ({(a.HeapMb - b.HeapMb) * 1024 / pages:F0} KB per circuit); resident after it {b.ResidentMb:F0} → {a.ResidentMb:F0} MB"));
            return new Result($"server memory per open overview circuit ({pages} pages in Chromium)", 0,
                new Sample(opening / pages, perCircuit, "RSS per circuit"), null, "< 1 MB per circuit", perCircuit < 1,
                string.Create(CultureInfo.InvariantCulture,
                    $"resident memory of the app process {before:F0} → {after:F0} MB; time = mean time to open one page until its figures show; demo database"));
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            foreach (var file in Directory.GetFiles(folder, Path.GetFileName(database) + "*")) File.Delete(file);
        }
    }

    private sealed record Dump(double HeapMb, double ResidentMb);

    /// <summary>
    /// A gcdump of the app and its by-type report (the tool must be on PATH or in ~/.dotnet/tools). The report's total
    /// is the live managed heap just after the full GC that the dump forces.
    /// </summary>
    private static async Task<Dump?> DumpAsync(string? folder, string name, int pid, Action<string> log)
    {
        if (folder is null) return null;
        Directory.CreateDirectory(folder);
        var tool = new[] { Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump") }
            .FirstOrDefault(File.Exists) ?? "dotnet-gcdump";
        var file = Path.Combine(folder, $"circuits-{name}.gcdump");
        await RunAsync(tool, ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file]);
        var report = await RunAsync(tool, ["report", file]);
        await File.WriteAllTextAsync(Path.ChangeExtension(file, ".txt"), report);
        // The report's first line with a byte count ("  123,456,789  GC Heap bytes") is the total.
        var total = report.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.EndsWith("GC Heap bytes", StringComparison.Ordinal));
        var bytes = total is null ? 0 : long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        log($"  circuits: {file} and its report written");
        return new Dump(bytes / 1024.0 / 1024.0, ProcessMemory.ResidentMb(pid));
    }

    private static async Task<string> RunAsync(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed: {await error}");
        return await output;
    }

    /// <summary>The live overview: interactive, and its figures on screen (not the loading bar).</summary>
    private static async Task ShowsFiguresAsync(IPage page)
    {
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        await page.Locator("[data-testid=kpis]").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 120_000 });
    }

    /// <summary>Lets the server finish what the last page started (render batches, a GC) before memory is read.</summary>
    private static Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(5));

    private static async Task WaitForHealthAsync(Uri address, Process server)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        // Migrating and seeding the demo takes a minute or more on a loaded machine.
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited) throw new InvalidOperationException($"The Dashboard exited with code {server.ExitCode}.");
            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The Dashboard did not answer /healthz within ten minutes.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The Dashboard built beside this project (the project reference builds it in the same configuration).</summary>
    private static string FindDashboard()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CommsPlan.sln"))) directory = directory.Parent;
        if (directory is null) throw new InvalidOperationException("Run the benchmark from the repository (CommsPlan.sln not found above it).");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";
        foreach (var candidate in new[] { configuration, "Release", "Debug" })
        {
            var dll = Path.Combine(directory.FullName, "CommsPlan.Dashboard", "bin", candidate, "net10.0", "CommsPlan.Dashboard.dll");
            if (File.Exists(dll)) return dll;
        }
        throw new InvalidOperationException("CommsPlan.Dashboard is not built: dotnet build -c Release CommsPlan.Dashboard");
    }
}
