using System.Text.RegularExpressions;
using CommsPlan.Core.Evidence;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Reliability;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static CommsPlan.Tests.Reliability.WebHardeningTests;

namespace CommsPlan.Tests.Dashboard.Hosting;

/// <summary>
/// One figure for every layer a file passes: the evidence setting, Kestrel's request body limit, ASP.NET's multipart
/// limit and the reverse proxy's client_max_body_size in the README. Raising one without the others fails here.
/// </summary>
public sealed partial class UploadLimitsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "commsplan-uploads", Guid.NewGuid().ToString("N"));

    public UploadLimitsTests() => Directory.CreateDirectory(_folder);

    private (long? Kestrel, long Multipart) Limits(params (string Key, string Value)[] settings)
    {
        using var app = new HardenedApp(Path.Combine(_folder, "limits.db"), "Development", settings);
        var kestrel = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize;
        var forms = app.Services.GetRequiredService<IOptions<FormOptions>>().Value.MultipartBodyLengthLimit;
        return (kestrel, forms);
    }

    [Fact]
    public void KestrelAndFormsTakeTheLargestEvidenceFileWithItsEnvelope()
    {
        var (kestrel, multipart) = Limits();

        var expected = new EvidenceOptions().MaxFileBytes + UploadLimits.EnvelopeBytes;
        Assert.Equal(expected, kestrel);
        Assert.Equal(expected, multipart);
    }

    [Fact]
    public void RaisingTheEvidenceLimitRaisesTheRequestLimitsWithIt()
    {
        var (kestrel, multipart) = Limits(("Evidence:MaxFileMegabytes", "25"));

        Assert.Equal(26L * 1024 * 1024, kestrel);
        Assert.Equal(26L * 1024 * 1024, multipart);
    }

    [Fact]
    public void TheReadmesReverseProxyTakesWhatTheAppTakes()
    {
        var readme = File.ReadAllText(Path.Combine(ReliabilityServices.RepositoryRoot(), "README.md"));

        var proxy = ProxyBodyLimit().Match(readme);

        Assert.True(proxy.Success, "The README's nginx example sets client_max_body_size.");
        Assert.Equal(UploadLimits.RequestBodyBytes(new EvidenceOptions()), long.Parse(proxy.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 1024 * 1024);
    }

    [GeneratedRegex(@"client_max_body_size\s+(\d+)m;")]
    private static partial Regex ProxyBodyLimit();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
