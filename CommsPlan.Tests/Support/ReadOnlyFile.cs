using System.Diagnostics;

namespace CommsPlan.Tests.Support;

/// <summary>
/// Makes a file read-only for the test's duration, as an operator's mistake or a full mount would: its mode loses the
/// write bits, and for root (whom modes do not stop) it is also marked immutable with <c>chattr +i</c>. Throws if the
/// file can still be opened for writing, so a test never passes on a file that was writable after all.
/// </summary>
public sealed class ReadOnlyFile : IDisposable
{
    private readonly string _path;
    private readonly UnixFileMode _mode;

    private ReadOnlyFile(string path, UnixFileMode mode)
    {
        _path = path;
        _mode = mode;
    }

    public static ReadOnlyFile Make(string path)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("The suite runs on Linux.");
        var file = new ReadOnlyFile(path, File.GetUnixFileMode(path));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        if (Environment.IsPrivilegedProcess) Chattr("+i", path);
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return file;
        }
        file.Dispose();
        throw new InvalidOperationException($"{path} is still writable: this file system ignores both the mode and chattr.");
    }

    public void Dispose()
    {
        if (OperatingSystem.IsWindows()) return;
        if (Environment.IsPrivilegedProcess) Chattr("-i", _path);
        File.SetUnixFileMode(_path, _mode);
    }

    private static void Chattr(string flag, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("chattr did not start.");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"chattr {flag} {path}: {error}");
    }
}
