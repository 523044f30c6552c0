using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace CommsPlan.Tests.Support;

/// <summary>
/// A real SMTP server on a loopback port: Debian's python3-aiosmtpd (installed by test.sh) writing every message it
/// accepts into a maildir, which the test reads back. The port is chosen before the server starts, so a test can
/// send to it while it is down and start it later.
/// </summary>
public sealed class SmtpTestServer : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string _maildir = Path.Combine(Path.GetTempPath(), "commsplan-smtp", Guid.NewGuid().ToString("N"));
    private Process? _process;

    public int Port { get; } = FreePort();

    /// <summary>Starts the server and returns once it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (!File.Exists(Python))
            throw new InvalidOperationException("The mail tests need Debian's python3-aiosmtpd: `apt-get install -y python3-aiosmtpd` (test.sh does it).");
        // Maildir creates the folder itself, not its parent.
        Directory.CreateDirectory(Path.GetDirectoryName(_maildir)!);
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", _maildir },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("python3 -m aiosmtpd did not start.");
        // Readiness: the port accepts a connection (the process gives no other sign); a process that exits is a failure.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException("aiosmtpd exited: " + await _process.StandardError.ReadToEndAsync()
                    + " (is python3-aiosmtpd installed? `apt-get install -y python3-aiosmtpd`)");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Every message the server accepted, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        if (!Directory.Exists(_maildir)) return [];
        return [.. new[] { "new", "cur" }.Select(d => Path.Combine(_maildir, d)).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles).Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f)))
            .OrderBy(f => f.Time).ThenBy(f => f.File, StringComparer.Ordinal).Select(f => MimeMessage.Load(f.File))];
    }

    public void Stop()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        if (Directory.Exists(_maildir)) Directory.Delete(_maildir, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
