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
