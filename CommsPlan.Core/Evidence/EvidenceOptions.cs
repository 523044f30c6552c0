using System.ComponentModel.DataAnnotations;

namespace CommsPlan.Core.Evidence;

/// <summary>
/// Evidence files' limits (`Evidence:MaxFileMegabytes`, `Evidence:MaxFilesPerRecord`, `Evidence:MaxImageMegapixels`).
/// The host derives its request limits from <see cref="MaxFileBytes"/> (Kestrel's body size), and the README's
/// reverse-proxy example matches the default.
/// </summary>
public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>The largest file accepted, in MB (1 MB = 1,048,576 bytes).</summary>
    [Range(1, 100, ErrorMessage = "must be from {1} to {2} MB")]
    public int MaxFileMegabytes { get; set; } = 10;

    /// <summary>How many files one activity, unit plan or commendation may hold.</summary>
    [Range(1, 200, ErrorMessage = "must be from {1} to {2} files")]
    public int MaxFilesPerRecord { get; set; } = 20;

    /// <summary>
    /// The largest image accepted, in millions of pixels, read from its header before decoding: a small file can
    /// declare a picture whose decoding would take gigabytes (a decompression bomb).
    /// </summary>
    [Range(1, 200, ErrorMessage = "must be from {1} to {2} megapixels")]
    public int MaxImageMegapixels { get; set; } = 50;

    public long MaxFileBytes => MaxFileMegabytes * 1024L * 1024L;

    public long MaxImagePixels => MaxImageMegapixels * 1_000_000L;

    /// <summary>
    /// What a DOCX or XLSX may unpack to, in total: OOXML parts compress about tenfold, so a file within
    /// <see cref="MaxFileBytes"/> that unpacks to more than this is built to exhaust whoever opens it.
    /// </summary>
    public long MaxUnpackedBytes => Math.Max(MaxFileBytes * 20, 100L * 1024 * 1024);

    /// <summary>The most parts a DOCX or XLSX may hold (a real document has tens, a large workbook hundreds).</summary>
    public const int MaxZipEntries = 10_000;
}
