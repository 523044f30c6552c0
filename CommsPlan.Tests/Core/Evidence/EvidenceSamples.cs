using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using CommsPlan.Core.Evidence;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using SkiaSharp;

namespace CommsPlan.Tests.Core.Evidence;

/// <summary>Real files of every allowed type, and the files an upload must refuse, made in memory.</summary>
public static class EvidenceSamples
{
    /// <summary>A 640 × 400 picture (a blue banner with a white band), encoded as <paramref name="format"/>.</summary>
    public static byte[] Image(SKEncodedImageFormat format, int width = 640, int height = 400)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(21, 101, 192));
            using var paint = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(0, height / 3f, width, height / 3f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 85);
        return data.ToArray();
    }

    public static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static byte[] Docx()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(new Text("Kế hoạch tuyên truyền cải cách thủ tục hành chính")))));
        }
        return stream.ToArray();
    }

    public static byte[] Xlsx()
    {
        using var workbook = new XLWorkbook();
        workbook.AddWorksheet("Danh sách").Cell("A1").SetValue("Hội nghị tập huấn");
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>Each allowed type with a name as an officer's computer would give it.</summary>
    public static IEnumerable<(EvidenceKind Kind, string Name, byte[] Bytes)> Allowed() =>
    [
        (EvidenceKind.Jpeg, "Ảnh băng rôn Hội nghị.jpg", Image(SKEncodedImageFormat.Jpeg)),
        (EvidenceKind.Png, "Tờ rơi thủ tục.png", Image(SKEncodedImageFormat.Png)),
        (EvidenceKind.WebP, "Pano tuyên truyền.webp", Image(SKEncodedImageFormat.Webp)),
        (EvidenceKind.Pdf, "Bài báo Thái Nguyên.pdf", Pdf()),
        (EvidenceKind.Docx, "Kế hoạch số 15.docx", Docx()),
        (EvidenceKind.Xlsx, "Danh sách đại biểu.xlsx", Xlsx()),
    ];

    /// <summary>A Windows program renamed to look like a photo.</summary>
    public static byte[] Executable()
    {
        var bytes = new byte[4096];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.").CopyTo(bytes, 0x4E);
        return bytes;
    }

    public static byte[] Svg() => Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>");

    public static byte[] Html() => Encoding.UTF8.GetBytes(
        "\uFEFF<!DOCTYPE html>\n<html lang=\"vi\"><head><title>Tin bài</title></head><body><script>alert(1)</script></body></html>");

    /// <summary>A DOCX-looking package whose one part unpacks to more than <paramref name="unpackedBytes"/> of zeros.</summary>
    public static byte[] ZipBomb(long unpackedBytes)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            }
            using var part = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (long written = 0; written <= unpackedBytes; written += zeros.Length) part.Write(zeros);
        }
        return stream.ToArray();
    }

    /// <summary>A ZIP that is no Office document (no content types declaring a Word or Excel main part).</summary>
    public static byte[] PlainZip()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(zip.CreateEntry("setup.bat").Open());
            entry.Write("format c:");
        }
        return stream.ToArray();
    }

    /// <summary>
    /// A valid PNG of a few hundred bytes whose header declares <paramref name="width"/> × <paramref name="height"/>
    /// pixels: decoding it would need width × height × 4 bytes (a decompression bomb).
    /// </summary>
    public static byte[] PixelBomb(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteBigEndian(header, 0, (uint)width);
        WriteBigEndian(header, 4, (uint)height);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        Chunk(stream, "IHDR", header);
        // One compressed row of zeros is enough for a decoder to start; the picture's size is already declared.
        using (var idat = new MemoryStream())
        {
            using (var z = new ZLibStream(idat, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(new byte[width + 1]);
            Chunk(stream, "IDAT", idat.ToArray());
        }
        Chunk(stream, "IEND", []);
        return stream.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        var length = new byte[4];
        WriteBigEndian(length, 0, (uint)data.Length);
        stream.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typed);
        var crc = new byte[4];
        WriteBigEndian(crc, 0, Crc32(typed));
        stream.Write(crc);
    }

    private static void WriteBigEndian(byte[] target, int offset, uint value)
    {
        target[offset] = (byte)(value >> 24);
        target[offset + 1] = (byte)(value >> 16);
        target[offset + 2] = (byte)(value >> 8);
        target[offset + 3] = (byte)value;
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
