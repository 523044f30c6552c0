using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Tests.Core.Activities;

namespace CommsPlan.Tests.Reliability;

/// <summary>
/// Hostile workbooks built from the real template, small on the wire and costly to parse: deep nesting in the parts the
/// importer reads, a header row of millions of cells without references, millions of tiny shared strings. Each part is
/// streamed into the package, so making a file costs the test little more than the file's own size.
/// </summary>
public static class HostileWorkbooks
{
    public enum Part { Styles, Workbook, Sheet }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>
    /// <paramref name="depth"/> nested elements in <paramref name="part"/>: at the end of styles.xml or workbook.xml (after
    /// everything a reader needs, so nothing short of parsing the whole part meets them), or inside the text of the
    /// first data cell of the activity sheet.
    /// </summary>
    public static byte[] Nested(byte[] template, Part part, int depth)
    {
        void WriteNesting(Stream to)
        {
            Write(to, string.Concat(Enumerable.Repeat("<n>", depth)));
            Write(to, string.Concat(Enumerable.Repeat("</n>", depth)));
        }

        return part switch
        {
            Part.Styles => WithPart(template, "xl/styles.xml", xml => BeforeRootEnd(xml, WriteNesting)),
            Part.Workbook => WithPart(template, "xl/workbook.xml", xml => BeforeRootEnd(xml, WriteNesting)),
            Part.Sheet => WithSheetData(template, to =>
            {
                Write(to, ActivityWorkbook.HeaderRowXml());
                Write(to, "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>HOINGHI</t>");
                WriteNesting(to);
                Write(to, "</is></c></row>");
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(part)),
        };
    }

    /// <summary>The template's header row followed by <paramref name="cells"/> empty cells without a reference.</summary>
    public static byte[] ImplicitHeaderCells(byte[] template, int cells) =>
        WithSheetData(template, to =>
        {
            var header = ActivityWorkbook.HeaderRowXml();
            Write(to, header[..^"</row>".Length]);
            WriteRepeated(to, "<c/>", cells);
            Write(to, "</row>");
        });

    /// <summary>The template's shared strings followed by <paramref name="count"/> one-letter strings.</summary>
    public static byte[] TinySharedStrings(byte[] template, int count)
    {
        var part = SharedStringsPart(template) ?? throw new InvalidOperationException("The template has no shared strings.");
        return WithPart(template, part, xml =>
        {
            // The spreadsheet namespace made the default one on the root (ClosedXML writes it with a prefix), so each
            // string costs 17 bytes and millions of them stay under the unpacked-size limit.
            var root = Regex.Match(xml, @"<(\w+:)?sst\b");
            if (root.Groups[1].Length > 0) xml = xml.Insert(root.Index + root.Length, $" xmlns=\"{Main}\"");
            return BeforeRootEnd(xml, to => WriteRepeated(to, "<si><t>a</t></si>", count));
        });
    }

    /// <summary>
    /// The activity sheet's rows replaced by what <paramref name="writeRows"/> writes (the sheetData element's content, in
    /// the spreadsheet namespace as the default one), the rest of the part kept.
    /// </summary>
    public static byte[] WithSheetData(byte[] template, Action<Stream> writeRows)
    {
        var sheet = SheetPart(template);
        return WithPart(template, sheet, xml =>
        {
            var match = Regex.Match(xml, @"<(\w+:)?sheetData\s*/>|<(\w+:)?sheetData>.*</(\w+:)?sheetData>", RegexOptions.Singleline);
            if (!match.Success) throw new InvalidOperationException("The template's sheet has no sheetData.");
            return to =>
            {
                Write(to, xml[..match.Index]);
                Write(to, $"<sheetData xmlns=\"{Main}\">");
                writeRows(to);
                Write(to, "</sheetData>");
                Write(to, xml[(match.Index + match.Length)..]);
            };
        });
    }

    /// <summary>The template with the part <paramref name="name"/> rewritten: <paramref name="rewrite"/> gets its XML and returns its writer.</summary>
    public static byte[] WithPart(byte[] template, string name, Func<string, Action<Stream>> rewrite)
    {
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        using (var source = new ZipArchive(new MemoryStream(template), ZipArchiveMode.Read))
        {
            Assert.NotNull(source.GetEntry(name));
            foreach (var entry in source.Entries)
            {
                using var to = target.CreateEntry(entry.FullName, CompressionLevel.SmallestSize).Open();
                using var from = entry.Open();
                if (entry.FullName != name)
                {
                    from.CopyTo(to);
                    continue;
                }
                using var reader = new StreamReader(from);
                rewrite(reader.ReadToEnd())(to);
            }
        }
        return output.ToArray();
    }

    /// <summary>Writes <paramref name="xml"/> with what <paramref name="insert"/> writes just before its root's end tag.</summary>
    private static Action<Stream> BeforeRootEnd(string xml, Action<Stream> insert)
    {
        var end = xml.LastIndexOf("</", StringComparison.Ordinal);
        return to =>
        {
            Write(to, xml[..end]);
            insert(to);
            Write(to, xml[end..]);
        };
    }

    private static void Write(Stream to, string text) => to.Write(Encoding.UTF8.GetBytes(text));

    private static void WriteRepeated(Stream to, string text, int count)
    {
        // In blocks: a few hundred kilobytes of text at a time, whatever the count.
        const int PerBlock = 10_000;
        var block = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(text, PerBlock)));
        var one = Encoding.UTF8.GetBytes(text);
        for (var left = count; left > 0;)
        {
            if (left >= PerBlock)
            {
                to.Write(block);
                left -= PerBlock;
            }
            else
            {
                to.Write(one);
                left--;
            }
        }
    }

    /// <summary>The activity sheet's part, through the workbook and its relationships.</summary>
    public static string SheetPart(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        var relId = Regex.Match(Read(zip, "xl/workbook.xml"), $"<(?:\\w+:)?sheet [^>]*name=\"{ActivitySheet.SheetName}\"[^>]*r:id=\"([^\"]+)\"").Groups[1].Value;
        return Target(Read(zip, "xl/_rels/workbook.xml.rels"), $"Id=\"{relId}\"");
    }

    private static string? SharedStringsPart(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        var rels = Read(zip, "xl/_rels/workbook.xml.rels");
        return rels.Contains("/sharedStrings\"", StringComparison.Ordinal) ? Target(rels, "relationships/sharedStrings\"") : null;
    }

    /// <summary>The package path of the relationship whose attributes contain <paramref name="attribute"/>.</summary>
    private static string Target(string rels, string attribute)
    {
        var relationship = Regex.Matches(rels, "<(?:\\w+:)?Relationship [^>]*>").Select(m => m.Value).First(r => r.Contains(attribute, StringComparison.Ordinal));
        var target = Regex.Match(relationship, "Target=\"([^\"]+)\"").Groups[1].Value;
        return target.StartsWith('/') ? target[1..] : "xl/" + target;
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
