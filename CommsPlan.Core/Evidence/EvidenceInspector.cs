using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using CommsPlan.Core.Common;

namespace CommsPlan.Core.Evidence;

/// <summary>
/// Decides what a file is from its bytes, never from its name: the signatures of JPEG, PNG, WebP and PDF, and for a ZIP
/// the OOXML package's own declaration of its main part ([Content_Types].xml), read within bounds against zip bombs.
/// Anything else is refused with a message that says why, in words an officer understands.
/// </summary>
public static class EvidenceInspector
{
    private const string WordMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private const string ExcelMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] ElfSignature = [0x7F, 0x45, 0x4C, 0x46];
    private static readonly byte[] Utf16LeMark = [0xFF, 0xFE];
    private static readonly byte[] Utf16BeMark = [0xFE, 0xFF];

    private const string ContentTypesPart = "[Content_Types].xml";
    private const string RelationshipsPart = "_rels/.rels";
    private const string ContentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    private const string StrictOfficeDocument = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";

    /// <summary>The content types and the package's relationships are a few kilobytes; more is not what Word or Excel writes.</summary>
    private const int MaxSmallPartBytes = 1024 * 1024;

    /// <summary>The kind of <paramref name="bytes"/>, or a <see cref="BusinessRuleException"/> naming <paramref name="fileName"/>.</summary>
    /// <exception cref="BusinessRuleException">Empty, too large, a refused type, or a package that unpacks too far.</exception>
    public static EvidenceKind Inspect(string fileName, ReadOnlySpan<byte> bytes, EvidenceOptions options)
    {
        if (bytes.Length == 0) throw new BusinessRuleException($"Tệp «{fileName}» rỗng (0 byte).");
        if (bytes.Length > options.MaxFileBytes) throw TooLarge(fileName, bytes.Length, options);

        if (bytes.StartsWith(JpegSignature)) return EvidenceKind.Jpeg;
        if (bytes.StartsWith(PngSignature)) return EvidenceKind.Png;
        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8)) return EvidenceKind.WebP;
        if (bytes.StartsWith("%PDF-"u8)) return EvidenceKind.Pdf;
        if (bytes.StartsWith("PK\x03\x04"u8)) return Package(fileName, bytes.ToArray(), options);

        if (bytes.StartsWith("MZ"u8) || bytes.StartsWith(ElfSignature) || bytes.StartsWith("#!"u8))
            throw new BusinessRuleException($"Tệp «{fileName}» là một chương trình chạy được, không phải minh chứng: hệ thống không nhận.");
        var head = TextHead(bytes);
        if (head.Contains("<svg", StringComparison.Ordinal))
            throw new BusinessRuleException($"Tệp «{fileName}» là ảnh SVG, có thể chứa mã chạy trong trình duyệt nên không được nhận; hãy lưu ảnh thành PNG hoặc JPEG.");
        if (head.Contains("<html", StringComparison.Ordinal) || head.Contains("<!doctype html", StringComparison.Ordinal)
            || head.Contains("<script", StringComparison.Ordinal) || head.Contains("<body", StringComparison.Ordinal))
            throw new BusinessRuleException($"Tệp «{fileName}» là trang web (HTML), không được nhận; hãy in trang thành PDF hoặc ghi đường dẫn vào ô Minh chứng.");
        throw NotAllowed(fileName);
    }

    internal static BusinessRuleException TooLarge(string fileName, long length, EvidenceOptions options) =>
        new($"Tệp «{fileName}» nặng {EvidenceFormat.Size(length)}, vượt quá giới hạn {options.MaxFileMegabytes} MB cho mỗi tệp.");

    private static BusinessRuleException NotAllowed(string fileName) =>
        new($"Tệp «{fileName}» không phải loại được nhận ({EvidenceKinds.AllowedText}). Hệ thống xét nội dung tệp, không xét đuôi tên tệp.");

    /// <summary>The first bytes as lower-case text (UTF-8, UTF-16 with a byte-order mark), to recognise markup.</summary>
    private static string TextHead(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 1024)];
        var encoding = head.StartsWith(Utf16LeMark) ? Encoding.Unicode : head.StartsWith(Utf16BeMark) ? Encoding.BigEndianUnicode : Encoding.UTF8;
        return encoding.GetString(head).ToLowerInvariant();
    }

    /// <summary>A DOCX or XLSX: a ZIP whose parts stay within bounds and whose content types declare a Word or Excel main part.</summary>
    private static EvidenceKind Package(string fileName, byte[] bytes, EvidenceOptions options)
    {
        var bomb = new BusinessRuleException(
            $"Tệp «{fileName}» khi giải nén lớn bất thường hoặc có quá nhiều phần (dấu hiệu của tệp nén độc hại) nên không được nhận.");
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > EvidenceOptions.MaxZipEntries) throw bomb;
            // The declared sizes first (cheap), then the real ones: a crafted entry may declare less than it unpacks to.
            if (zip.Entries.Sum(e => e.Length) > options.MaxUnpackedBytes) throw bomb;
            var buffer = new byte[81920];
            long total = 0;
            byte[]? contentTypes = null, relationships = null;
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                var kept = entry.FullName is ContentTypesPart or RelationshipsPart;
                using var part = kept ? new MemoryStream() : null;
                long length = 0;
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    length += read;
                    total += read;
                    if (length > entry.Length || total > options.MaxUnpackedBytes) throw bomb;
                    if (part is not null)
                    {
                        if (part.Length + read > MaxSmallPartBytes) throw bomb;
                        part.Write(buffer, 0, read);
                    }
                }
                if (entry.FullName == ContentTypesPart) contentTypes = part!.ToArray();
                else if (entry.FullName == RelationshipsPart) relationships = part!.ToArray();
            }
            return MainPartType(contentTypes, relationships) switch
            {
                WordMain => EvidenceKind.Docx,
                ExcelMain => EvidenceKind.Xlsx,
                _ => throw NotAllowed(fileName),
            };
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or NotSupportedException or IOException)
        {
            throw new BusinessRuleException($"Tệp «{fileName}» bị hỏng: không mở được như một tệp Word (DOCX) hay Excel (XLSX).");
        }
    }

    /// <summary>
    /// The content type of the package's main document: the target of its officeDocument relationship (_rels/.rels),
    /// typed by [Content_Types].xml (an Override for that part, else the Default for its extension), as Office reads it.
    /// </summary>
    private static string? MainPartType(byte[]? contentTypes, byte[]? relationships)
    {
        if (contentTypes is null || relationships is null) return null;
        var target = Load(relationships).GetElementsByTagName("Relationship", RelationshipsNamespace).Cast<XmlElement>()
            .Where(r => r.GetAttribute("Type") is OfficeDocument or StrictOfficeDocument && r.GetAttribute("TargetMode") != "External")
            .Select(r => r.GetAttribute("Target"))
            .FirstOrDefault();
        if (string.IsNullOrEmpty(target)) return null;
        var partName = "/" + target.TrimStart('/');
        var types = Load(contentTypes);
        var overridden = types.GetElementsByTagName("Override", ContentTypesNamespace).Cast<XmlElement>()
            .FirstOrDefault(o => string.Equals(o.GetAttribute("PartName"), partName, StringComparison.OrdinalIgnoreCase));
        if (overridden is not null) return overridden.GetAttribute("ContentType");
        var extension = Path.GetExtension(partName).TrimStart('.');
        return types.GetElementsByTagName("Default", ContentTypesNamespace).Cast<XmlElement>()
            .FirstOrDefault(d => string.Equals(d.GetAttribute("Extension"), extension, StringComparison.OrdinalIgnoreCase))
            ?.GetAttribute("ContentType");
    }

    /// <summary>A small XML part, without DTDs or external resolution, its encoding read from its own bytes.</summary>
    private static XmlDocument Load(byte[] bytes)
    {
        var document = new XmlDocument { XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        document.Load(reader);
        return document;
    }
}

/// <summary>File sizes as people read them, in vi-VN: "820 KB", "1,5 MB".</summary>
public static class EvidenceFormat
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString("N0", Vietnamese)} byte",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("N0", Vietnamese)} KB",
        _ => $"{(bytes / (1024.0 * 1024)).ToString("N1", Vietnamese)} MB",
    };
}
