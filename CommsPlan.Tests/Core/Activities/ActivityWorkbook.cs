using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using CommsPlan.Core.Activities.Import;

namespace CommsPlan.Tests.Core.Activities;

/// <summary>Fills the downloaded template the way a person would in Excel, for import tests.</summary>
public static class ActivityWorkbook
{
    /// <summary>
    /// Writes each row under the headers of the "Hoạt động" sheet. Strings are stored as text (as typed), DateTime as
    /// Excel dates, numbers as numbers. A header missing from the sheet is added at the end (the optional columns).
    /// </summary>
    public static byte[] Fill(byte[] template, IEnumerable<IReadOnlyDictionary<string, object?>> rows, Action<IXLWorkbook>? alter = null)
    {
        using var workbook = new XLWorkbook(new MemoryStream(template));
        var sheet = workbook.Worksheet(ActivitySheet.SheetName);
        var columns = new Dictionary<string, int>();
        var lastColumn = sheet.Row(1).LastCellUsed().Address.ColumnNumber;
        for (var c = 1; c <= lastColumn; c++) columns[sheet.Cell(1, c).GetString()] = c;

        var rowNumber = 2;
        foreach (var row in rows)
        {
            foreach (var (header, value) in row)
            {
                if (!columns.TryGetValue(header, out var column))
                {
                    column = columns.Count + 1;
                    columns[header] = column;
                    sheet.Cell(1, column).SetValue(header);
                }
                var cell = sheet.Cell(rowNumber, column);
                switch (value)
                {
                    case null: break;
                    case string text: cell.SetValue(text); break;
                    case DateTime date: cell.Value = date; break;
                    case int or long or double or decimal: cell.Value = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture); break;
                    default: throw new ArgumentException($"Unsupported cell value {value.GetType()}");
                }
            }
            rowNumber++;
        }
        alter?.Invoke(workbook);
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    /// <summary>
    /// The template with the activity sheet's rows replaced by <paramref name="sheetDataXml"/> (the <c>row</c> elements
    /// of a <c>sheetData</c>, written by hand): for cells Excel writes and ClosedXML never does (formulas with or
    /// without a cached result, rich inline text, rows and cells without references).
    /// </summary>
    public static byte[] WithSheetData(byte[] template, string sheetDataXml)
    {
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        using (var source = new ZipArchive(new MemoryStream(template), ZipArchiveMode.Read))
        {
            var sheetPart = SheetPartOf(source, ActivitySheet.SheetName);
            foreach (var entry in source.Entries)
            {
                using var to = target.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
                using var from = entry.Open();
                if (entry.FullName != sheetPart)
                {
                    from.CopyTo(to);
                    continue;
                }
                using var reader = new StreamReader(from);
                // ClosedXML writes the part with an "x:" prefix; the new rows declare the namespace themselves.
                var xml = Regex.Replace(reader.ReadToEnd(), "<(\\w+:)?sheetData\\s*/>|<(\\w+:)?sheetData>.*</(\\w+:)?sheetData>",
                    _ => $"<sheetData xmlns=\"{SpreadsheetNamespace}\">{sheetDataXml}</sheetData>", RegexOptions.Singleline);
                to.Write(Encoding.UTF8.GetBytes(xml));
            }
        }
        return output.ToArray();
    }

    private const string SpreadsheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>The header row of the template's columns as inline strings, in row 1.</summary>
    public static string HeaderRowXml() =>
        "<row r=\"1\">" + string.Concat(ActivitySheet.Headers.Select((h, i) => $"<c r=\"{(char)('A' + i)}1\" t=\"inlineStr\"><is><t>{h}</t></is></c>")) + "</row>";

    private static string SheetPartOf(ZipArchive zip, string sheetName)
    {
        string Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }
        var relId = Regex.Match(Read("xl/workbook.xml"), $"<(?:\\w+:)?sheet [^>]*name=\"{sheetName}\"[^>]*r:id=\"([^\"]+)\"").Groups[1].Value;
        var target = Regex.Match(Read("xl/_rels/workbook.xml.rels"), $"<(?:\\w+:)?Relationship [^>]*Target=\"([^\"]+)\"[^>]*Id=\"{relId}\"").Groups[1].Value;
        if (target.Length == 0)
            target = Regex.Match(Read("xl/_rels/workbook.xml.rels"), $"<(?:\\w+:)?Relationship [^>]*Id=\"{relId}\"[^>]*Target=\"([^\"]+)\"").Groups[1].Value;
        return target.StartsWith('/') ? target[1..] : "xl/" + target;
    }

    /// <summary>A valid row for a conference of the given title, dated in 2021 before the demo's today.</summary>
    public static Dictionary<string, object?> GoodRow(string title, DateTime? date = null) => new()
    {
        [ActivitySheet.Channel] = "HOINGHI",
        [ActivitySheet.Title] = title,
        [ActivitySheet.StartDate] = date ?? new DateTime(2021, 6, 15),
        [ActivitySheet.Quantity] = 1,
        [ActivitySheet.SecondMeasure] = 120,
        [ActivitySheet.Objectives] = "MĐ2",
        [ActivitySheet.Themes] = "ND2",
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> row, string header, object? value)
    {
        var copy = new Dictionary<string, object?>(row) { [header] = value };
        return copy;
    }
}
