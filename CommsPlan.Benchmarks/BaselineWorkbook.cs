using System.Data.Common;
using SpreadCheetah;

namespace CommsPlan.Benchmarks;

/// <summary>
/// The floor for the consolidated workbook: the detail rows read by hand-written SQL on a plain connection
/// (<see cref="BaselineQueries.DetailRowsAsync"/>) and written by a streaming library (SpreadCheetah) as one plain
/// sheet, the same values in the same columns as the report's Chi tiết sheet, with none of its formatting, header or
/// other sheets.
/// </summary>
public static class BaselineWorkbook
{
    /// <summary>The headers of the sheet's first row, in the report's column order.</summary>
    public static readonly string[] Headers =
    [
        "STT", "Ngày bắt đầu", "Ngày kết thúc", "Cơ quan, đơn vị", "Hình thức", "Kênh tuyên truyền", "Tên hoạt động", "Số lượng",
        "Đơn vị tính", "Chỉ số bổ sung", "Đơn vị tính (chỉ số bổ sung)", "Mục đích", "Nội dung", "Địa bàn", "Kinh phí (đồng)", "Minh chứng",
    ];

    /// <summary>Writes the activities of <paramref name="from"/>–<paramref name="to"/>; returns how many.</summary>
    public static async Task<int> WriteAsync(DbConnection connection, DateOnly from, DateOnly to, Stream output, CancellationToken ct = default)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, null, ct);
        await spreadsheet.StartWorksheetAsync("Chi tiết", null, ct);
        await spreadsheet.AddHeaderRowAsync(Headers, null, ct);
        var cells = new DataCell[Headers.Length];
        var number = 0;
        await foreach (var row in BaselineQueries.DetailRowsAsync(connection, from, to, ct))
        {
            cells[0] = new DataCell(++number);
            cells[1] = new DataCell(row.StartDate.ToDateTime(TimeOnly.MinValue));
            cells[2] = new DataCell(row.EndDate?.ToDateTime(TimeOnly.MinValue));
            cells[3] = new DataCell(row.AgencyName);
            cells[4] = new DataCell(row.FormGroupCode);
            cells[5] = new DataCell(row.ChannelName);
            cells[6] = new DataCell(row.Title);
            cells[7] = new DataCell(row.Quantity);
            cells[8] = new DataCell(row.Unit);
            cells[9] = new DataCell(row.SecondMeasure);
            cells[10] = new DataCell(row.SecondMeasure is null ? null : row.SecondMeasureUnit);
            cells[11] = new DataCell(row.Objectives);
            cells[12] = new DataCell(row.Themes);
            cells[13] = new DataCell(row.DistrictName);
            cells[14] = new DataCell(row.Cost);
            cells[15] = new DataCell(row.EvidenceUrl);
            await spreadsheet.AddRowAsync(cells, ct);
        }
        await spreadsheet.FinishAsync(ct);
        return number;
    }
}
