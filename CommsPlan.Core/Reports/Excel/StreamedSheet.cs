namespace CommsPlan.Core.Reports.Excel;

/// <summary>
/// A sheet whose data rows are streamed into a workbook another writer formatted (ClosedXML): the sheet is
/// laid out there with its header rows and ONE template data row at <see cref="FirstDataRow"/>, whose cell
/// styles every streamed row reuses column by column. Memory stays flat however many rows there are.
/// </summary>
public sealed class StreamedSheet<T>
{
    public required string SheetName { get; init; }
    /// <summary>1-based row of the template data row; streamed rows start here.</summary>
    public required int FirstDataRow { get; init; }
    /// <summary>One value selector per column, from column A on: string, number, DateOnly, DateTime or null.</summary>
    public required IReadOnlyList<Func<T, object?>> Columns { get; init; }
    public required IAsyncEnumerable<T> Rows { get; init; }
    /// <summary>
    /// An explicit height in points for a row (wrapped text that readers will not size on opening); null leaves the
    /// sheet's default height.
    /// </summary>
    public Func<T, double?>? RowHeight { get; init; }
}
