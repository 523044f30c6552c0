using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security;
using System.Text;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using S = CommsPlan.Core.Activities.Import.ActivitySheet;

using CommsPlan.Core.ReportingCycle;
namespace CommsPlan.Tests.Reliability;

/// <summary>
/// Over a thousand malformed or hostile import files, made in memory: each gets a Vietnamese answer (a file refusal or
/// row reasons), no exception escapes, nothing is saved, and a zip bomb is refused before it is unpacked.
/// </summary>
public sealed class HostileImportTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ActivityTestKit _kit = null!;
    private ActivityImporter _importer = null!;
    private byte[] _template = null!;
    private string _sheetEntry = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _kit = await ActivityTestKit.CreateAsync(_database);
        _importer = new ActivityImporter(_database.Factory, _kit.Clock, _kit.Notifier, new PeriodLock());
        _template = await _importer.CreateTemplateAsync();
        _sheetEntry = SheetEntryOf(_template, S.SheetName);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private sealed record Hostile(string Kind, byte[] Bytes, Func<ActivityImportPreview, bool> Answered);

    [Fact]
    public async Task AThousandHostileFilesEachGetAVietnameseAnswerAndNothingIsSaved()
    {
        var files = Generate();
        Assert.True(files.Count >= 1000, $"only {files.Count} files");
        var before = await CountsAsync();
        var officer = _kit.Officer("STP");

        var problems = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (file, ct) =>
        {
            try
            {
                var preview = await _importer.PreviewAsync(officer, new MemoryStream(file.Bytes), ct);
                var messages = preview.FileError is { } error ? [error] : preview.Rows.SelectMany(r => r.Errors).ToList();
                if (!file.Answered(preview)) problems.Add($"{file.Kind}: unexpected answer {preview.FileError ?? $"{preview.Rows.Count} rows, {preview.BadRows.Count} bad"}");
                else if (messages.Any(m => !LooksVietnamese(m))) problems.Add($"{file.Kind}: not a Vietnamese message: {messages.First(m => !LooksVietnamese(m))}");
                else if (!preview.CanImport)
                {
                    // A refused preview cannot be committed either: the service says why and saves nothing.
                    try
                    {
                        await _importer.CommitAsync(officer, preview, ct);
                        problems.Add($"{file.Kind}: a refused preview was committed");
                    }
                    catch (CommsPlan.Core.Common.BusinessRuleException)
                    {
                    }
                }
            }
            catch (Exception ex)
            {
                problems.Add($"{file.Kind}: {ex.GetType().Name}: {ex.Message}");
            }
        });

        Assert.Empty(problems.GroupBy(p => p).Select(g => $"{g.Count()}× {g.Key}").Take(20));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task AZipBombIsRefusedWithoutUnpackingItIntoMemory()
    {
        // 200 MB of one letter in one cell: about 200 KB compressed.
        var bomb = Bomb(200L * 1024 * 1024);
        Assert.True(bomb.Length < ActivityImporter.MaxFileBytes);

        var (preview, allocated) = await Task.Run(() => PreviewCountingAllocations(bomb));

        Assert.Equal(ActivityImporter.UnpackedTooLargeMessage, preview.FileError);
        Assert.True(allocated < 64L * 1024 * 1024, $"{allocated / 1024 / 1024} MB allocated for a refused file");
    }

    /// <summary>
    /// The preview completes synchronously (SQLite and a MemoryStream never yield), so this thread's allocations are its
    /// whole cost, unaffected by tests running in parallel.
    /// </summary>
    private (ActivityImportPreview Preview, long Allocated) PreviewCountingAllocations(byte[] file)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var preview = _importer.PreviewAsync(_kit.Officer("STP"), new MemoryStream(file)).GetAwaiter().GetResult();
        return (preview, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private List<Hostile> Generate()
    {
        var random = new Random(20211020);
        var files = new List<Hostile>();
        bool Refused(ActivityImportPreview p) => p.FileError is not null;
        bool RowRefused(ActivityImportPreview p) => p.FileError is not null || p.BadRows.Count > 0;
        bool AnyAnswer(ActivityImportPreview p) => p.FileError is not null || p.Rows.Count > 0;

        // 450 random byte strings, some starting like a zip or an old .xls.
        for (var i = 0; i < 450; i++)
        {
            var bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);
            if (i % 3 == 1 && bytes.Length >= 4) "PK\u0003\u0004"u8.CopyTo(bytes);
            if (i % 3 == 2 && bytes.Length >= 8) new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
            files.Add(new("random bytes", bytes, Refused));
        }

        var good = Package(Sheet([Headers(), GoodRow()]));
        // 250 truncated packages and 100 with flipped bytes (bad CRCs, bad headers, bad XML).
        for (var i = 0; i < 250; i++) files.Add(new("truncated zip", good[..random.Next(1, good.Length - 1)], Refused));
        for (var i = 0; i < 100; i++)
        {
            var flipped = (byte[])good.Clone();
            for (var n = random.Next(1, 8); n > 0; n--) flipped[random.Next(30, flipped.Length)] ^= (byte)random.Next(1, 256);
            files.Add(new("flipped bytes", flipped, AnyAnswer));
        }

        // Zip bombs: one part that unpacks far past the limit, and a package of too many parts.
        files.Add(new("zip bomb", Bomb(100L * 1024 * 1024), p => p.FileError == ActivityImporter.UnpackedTooLargeMessage));
        files.Add(new("zip of many parts", ManyParts(ActivityImporter.MaxPackageEntries + 10), p => p.FileError == ActivityImporter.UnpackedTooLargeMessage));

        // Wrong sheets: the activity sheet renamed.
        foreach (var name in new[] { "Sheet1", "Hoat dong 2", "Activities", "Hoạt động (2)" })
            files.Add(new($"sheet named {name}", Package(Sheet([Headers(), GoodRow()]), sheetName: name), p => p.FileError == ActivityImporter.NoSheetMessage));
        // Names Excel itself refuses (a quote, a duplicate of the other sheet): the package is not a valid workbook.
        foreach (var name in new[] { "'", "Danh mục" })
            files.Add(new($"sheet named {name}", Package(Sheet([Headers(), GoodRow()]), sheetName: name),
                p => p.FileError == ActivityImporter.NoSheetMessage || p.FileError == ActivityImporter.NotXlsxMessage));

        // Each required column missing, and extra columns (accepted, the rows read as usual).
        for (var c = 0; c < S.Headers.Count; c++)
        {
            var without = c;
            files.Add(new($"missing {S.Headers[c]}", Package(Sheet([Headers().Where((_, i) => i != without).ToArray(), GoodRow()])),
                p => p.FileError?.Contains("thiếu cột", StringComparison.Ordinal) == true));
        }
        for (var i = 0; i < 20; i++)
        {
            var extra = Enumerable.Range(0, i + 1).Select(n => Cell.Text($"Cột thêm {n}")).ToArray();
            files.Add(new("extra columns", Package(Sheet([[.. Headers(), .. extra], [.. GoodRow(), .. extra]])), p => p.FileError is null && p.Rows.Count == 1));
        }

        // 100,000-character cells in every text column.
        foreach (var column in new[] { 0, 1, 6, 7, 8, 9, 11 })
        {
            for (var i = 0; i < 5; i++)
            {
                var row = GoodRow();
                row[column] = Cell.Text(new string((char)('a' + i), 100_000));
                files.Add(new("100,000-character cell", Package(Sheet([Headers(), row])), RowRefused));
            }
        }

        // Formulas: errors, references, external and DDE-looking ones, in every column.
        string[] formulas = ["1/0", "NA()", "A1", "B2&B2", "HYPERLINK(\"http://evil.example\",\"x\")", "cmd|' /C calc'!A0",
            "[1]Sheet1!A1", "SUM(A1:XFD1048576)", "INDIRECT(\"A\"&ROW())", "REPT(\"x\",32767)"];
        for (var column = 0; column < S.Headers.Count; column++)
        {
            foreach (var formula in formulas)
            {
                var row = GoodRow();
                row[column] = Cell.Formula(formula);
                files.Add(new("formula", Package(Sheet([Headers(), row])), AnyAnswer));
            }
        }

        // Dates and numbers out of range, as numbers and as text.
        string[] badDates = ["01/01/1800", "31/12/9999", "30/02/2021", "00/00/0000", "-1", "2021-13-45", "ngày mai", "1e308"];
        double[] badSerials = [-1, 0, 1e300, 2_958_466, double.MaxValue];
        string[] badNumbers = ["-5", "1e309", "NaN", "Infinity", "1.5", "999999999999999999999999", "mười", "1,2,3"];
        double[] hugeNumbers = [-1, 1e300, 1e16, -1e16, double.MaxValue];
        foreach (var dateColumn in new[] { 2, 3 })
        {
            foreach (var text in badDates) files.Add(new("bad date text", Package(Sheet([Headers(), With(GoodRow(), dateColumn, Cell.Text(text))])), RowRefused));
            foreach (var number in badSerials) files.Add(new("bad date serial", Package(Sheet([Headers(), With(GoodRow(), dateColumn, Cell.Number(number))])), RowRefused));
        }
        foreach (var numberColumn in new[] { 4, 5, 10 })
        {
            foreach (var text in badNumbers) files.Add(new("bad number text", Package(Sheet([Headers(), With(GoodRow(), numberColumn, Cell.Text(text))])), RowRefused));
            foreach (var number in hugeNumbers) files.Add(new("number out of range", Package(Sheet([Headers(), With(GoodRow(), numberColumn, Cell.Number(number))])), RowRefused));
        }

        // More rows than allowed, a lone cell at the last row of the sheet, an empty sheet.
        files.Add(new("too many rows", Package(Sheet([Headers(), .. Enumerable.Range(0, ActivityImporter.MaxRows + 1).Select(_ => GoodRow())])),
            p => p.FileError == ActivityImporter.TooManyRowsMessage));
        files.Add(new("cell in row 1,048,576", Package(Sheet([Headers()], extraXml: "<row r=\"1048576\"><c r=\"B1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row>")),
            p => p.Rows.Count == 1 && p.BadRows.Count == 1));
        files.Add(new("headers only", Package(Sheet([Headers()])), p => p.FileError == ActivityImporter.NoRowsMessage));
        return files;
    }

    private static Cell[] With(Cell[] row, int column, Cell value)
    {
        row[column] = value;
        return row;
    }

    private static Cell[] Headers() => S.Headers.Select(Cell.Text).ToArray();

    /// <summary>A row the importer accepts (checked by the "extra columns" files).</summary>
    private static Cell[] GoodRow() =>
    [
        Cell.Text("HOINGHI"), Cell.Text("Hội nghị phổ biến pháp luật"), Cell.Text("12/05/2021"), Cell.Text(""), Cell.Number(1), Cell.Text(""),
        Cell.Text("MĐ2"), Cell.Text("ND2"), Cell.Text(""), Cell.Text(""), Cell.Text(""), Cell.Text(""),
    ];

    private sealed record Cell(string Xml)
    {
        public static Cell Text(string text) => new($" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(text)}</t></is>");
        public static Cell Number(double value) => new($"><v>{value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}</v>");
        public static Cell Formula(string formula) => new($"><f>{SecurityElement.Escape(formula)}</f>");
    }

    private static string Sheet(IEnumerable<Cell[]> rows, string extraXml = "")
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>")
            .Append("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        var r = 1;
        foreach (var row in rows)
        {
            xml.Append("<row r=\"").Append(r).Append("\">");
            for (var c = 0; c < row.Length; c++) xml.Append("<c r=\"").Append(ColumnName(c + 1)).Append(r).Append('"').Append(row[c].Xml).Append("</c>");
            xml.Append("</row>");
            r++;
        }
        return xml.Append(extraXml).Append("</sheetData></worksheet>").ToString();
    }

    private static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26) name = (char)('A' + (column - 1) % 26) + name;
        return name;
    }

    /// <summary>The template package with the activity sheet's part replaced (and the sheet renamed if asked).</summary>
    private byte[] Package(string sheetXml, string? sheetName = null)
    {
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        using (var source = new ZipArchive(new MemoryStream(_template), ZipArchiveMode.Read))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Fastest);
                using var to = copy.Open();
                if (entry.FullName == _sheetEntry)
                {
                    to.Write(Encoding.UTF8.GetBytes(sheetXml));
                }
                else if (sheetName is not null && entry.FullName == "xl/workbook.xml")
                {
                    using var reader = new StreamReader(entry.Open());
                    to.Write(Encoding.UTF8.GetBytes(reader.ReadToEnd().Replace($"name=\"{S.SheetName}\"", $"name=\"{SecurityElement.Escape(sheetName)}\"")));
                }
                else
                {
                    using var from = entry.Open();
                    from.CopyTo(to);
                }
            }
        }
        return output.ToArray();
    }

    /// <summary>The template with its sheet part growing to <paramref name="unpackedBytes"/> of one cell's text.</summary>
    private byte[] Bomb(long unpackedBytes)
    {
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        using (var source = new ZipArchive(new MemoryStream(_template), ZipArchiveMode.Read))
        {
            foreach (var entry in source.Entries)
            {
                using var to = target.CreateEntry(entry.FullName, CompressionLevel.SmallestSize).Open();
                if (entry.FullName != _sheetEntry)
                {
                    using var from = entry.Open();
                    from.CopyTo(to);
                    continue;
                }
                to.Write(Encoding.UTF8.GetBytes(Sheet([Headers()]).Replace("</sheetData>",
                    "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>")));
                var spaces = new byte[1024 * 1024];
                Array.Fill(spaces, (byte)'x');
                for (long written = 0; written < unpackedBytes; written += spaces.Length) to.Write(spaces);
                to.Write("</t></is></c></row></sheetData></worksheet>"u8);
            }
        }
        return output.ToArray();
    }

    private static byte[] ManyParts(int parts)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < parts; i++)
            {
                using var part = zip.CreateEntry($"xl/media/part{i}.bin").Open();
                part.WriteByte((byte)i);
            }
        }
        return output.ToArray();
    }

    /// <summary>The part of the package that holds the sheet named <paramref name="sheetName"/>.</summary>
    private static string SheetEntryOf(byte[] package, string sheetName)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        string Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }
        var workbook = Read("xl/workbook.xml");
        var relId = System.Text.RegularExpressions.Regex.Match(workbook, $"<(?:\\w+:)?sheet [^>]*name=\"{sheetName}\"[^>]*r:id=\"([^\"]+)\"").Groups[1].Value;
        var rels = Read("xl/_rels/workbook.xml.rels");
        var target = System.Text.RegularExpressions.Regex.Match(rels, $"<(?:\\w+:)?Relationship [^>]*Id=\"{relId}\"[^>]*Target=\"([^\"]+)\"").Groups[1].Value;
        if (target.Length == 0)
            target = System.Text.RegularExpressions.Regex.Match(rels, $"<(?:\\w+:)?Relationship [^>]*Target=\"([^\"]+)\"[^>]*Id=\"{relId}\"").Groups[1].Value;
        var entry = target.StartsWith('/') ? target[1..] : "xl/" + target;
        Assert.NotNull(zip.GetEntry(entry));
        return entry;
    }

    /// <summary>A message meant for a Vietnamese reader: it has Vietnamese letters, no exception type names.</summary>
    private static bool LooksVietnamese(string message) =>
        message.Any(ch => ch is (>= '\u00C0' and <= '\u01B0') or (>= '\u1EA0' and <= '\u1EF9'))
        && !message.Contains("Exception", StringComparison.Ordinal);

    private async Task<(int Activities, int Audit)> CountsAsync()
    {
        await using var db = _database.CreateContext();
        return (await db.Activities.CountAsync(), await db.AuditEntries.CountAsync());
    }
}
