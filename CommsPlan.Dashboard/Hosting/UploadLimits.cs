using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Evidence;

namespace CommsPlan.Dashboard.Hosting;

/// <summary>
/// The one figure every layer's request limit comes from: Kestrel's largest request body, ASP.NET's largest multipart
/// form, and the reverse proxy's <c>client_max_body_size</c> in the README (checked by a test against the default).
/// </summary>
internal static class UploadLimits
{
    /// <summary>Room for a multipart envelope and form fields around the file.</summary>
    public const long EnvelopeBytes = 1024 * 1024;

    /// <summary>The largest file the app accepts (an evidence file or an import workbook), plus the envelope.</summary>
    public static long RequestBodyBytes(EvidenceOptions evidence) =>
        Math.Max(evidence.MaxFileBytes, ActivityImporter.MaxFileBytes) + EnvelopeBytes;
}
