using System.Globalization;
using ClosedXML.Excel;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.Reports.Excel;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Reports;

/// <summary>
/// <b>Xuất Excel</b> of the activity list: the rows the list shows for the same filters and sort, every page, as the
/// consolidated report's Chi tiết sheet (same columns, same Decree 30 header, issued by the officer's agency or by the
/// Office). The rows come from <see cref="ActivityService.StreamAsync"/> straight into <see cref="StreamingSheetWriter"/>,
/// so 100,000 activities are never held in memory; the caller's scope is the list's (an officer gets its own agency
/// whatever the filter says).
/// </summary>
public sealed class ActivityListExport(IDbContextFactory<CommsPlanDbContext> factory, ActivityService activities, TimeProvider time)
{
    public const string ContentType = ConsolidatedReportBuilder.ContentType;

    /// <summary>Writes the workbook to <paramref name="output"/> forward only (send it on from a temporary file, as the report does).</summary>
    /// <exception cref="AccessDeniedException">The user may not read activities.</exception>
    public async Task<ActivityListExportResult> WriteAsync(CurrentUser user, ActivityQuery query, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(output);
        if (!user.IsOfficer && !user.CanReadAllAgencies) throw new AccessDeniedException();
        // An officer's list is its own agency's whatever the link asks for; the header says so too.
        if (user.IsOfficer) query = query with { AgencyId = user.AgencyId };
        var catalogue = await activities.GetCatalogueAsync(ct);
        IssuingBody issuer;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            issuer = user.IsOfficer
                ? await IssuingBodies.OfAgencyAsync(db, user.AgencyId!.Value, ct) ?? throw new NotFoundException()
                : await IssuingBodies.OfficeAsync(db, ct);
        }
        var today = time.Today();
        var to = query.To ?? today;
        var from = query.From ?? (catalogue.PeriodStart < to ? catalogue.PeriodStart : to);

        using var template = new MemoryStream();
        using (var workbook = ConsolidatedWorkbook.CreateDetailOnly(issuer, today, from, to, Describe(query, catalogue)))
        {
            workbook.SaveAs(template, new SaveOptions { GenerateCalculationChain = false });
        }
        PrintTitles.MakeAbsolute(template);

        var rows = await StreamingSheetWriter.WriteAsync(template, Sheet(activities.StreamAsync(user, query, ct), ct), output, ct);
        return new ActivityListExportResult(FileName(catalogue.FindAgency(query.AgencyId)?.Code, from, to), rows);
    }

    /// <summary>The Chi tiết sheet of the consolidated report, fed by <paramref name="rows"/> as they are read.</summary>
    internal static StreamedSheet<NumberedRow> Sheet(IAsyncEnumerable<ActivityRow> rows, CancellationToken ct) => new()
    {
        SheetName = ConsolidatedReportBuilder.DetailSheet,
        FirstDataRow = ConsolidatedWorkbook.DetailFirstDataRow,
        Columns = ConsolidatedWorkbook.DetailColumns,
        Rows = ConsolidatedReportBuilder.Numbered(rows, ct),
        RowHeight = ConsolidatedWorkbook.DetailRowHeight,
    };

    /// <summary>"Phạm vi: Sở Tư pháp; hình thức: Tin, bài trên báo; mục đích: MĐ1; tìm: “hội nghị”" — the filters, on paper.</summary>
    public static string Describe(ActivityQuery query, ActivityCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(catalogue);
        var parts = new List<string> { "Phạm vi: " + (catalogue.FindAgency(query.AgencyId)?.Name ?? "Toàn tỉnh") };
        if (catalogue.FormGroups.FirstOrDefault(g => g.Id == query.FormGroupId) is { } group) parts.Add($"nhóm hình thức: {group.DisplayCode} – {group.ShortName}");
        if (catalogue.FindChannel(query.ChannelId) is { } channel) parts.Add("hình thức: " + channel.Name);
        if (catalogue.Objectives.FirstOrDefault(o => o.Id == query.ObjectiveId) is { } objective) parts.Add("mục đích: " + objective.DisplayCode);
        if (catalogue.Themes.FirstOrDefault(t => t.Id == query.ThemeId) is { } theme) parts.Add("nội dung: " + theme.DisplayCode);
        if (!string.IsNullOrWhiteSpace(query.Text)) parts.Add($"tìm: “{query.Text.Trim()}”");
        return string.Join("; ", parts);
    }

    /// <summary>"HoatDong_STP_2021-01-01_2021-10-20.xlsx"; ASCII only, so every browser and mail client keeps it.</summary>
    public static string FileName(string? agencyCode, DateOnly from, DateOnly to)
    {
        var agency = agencyCode is null ? "" : new string([.. agencyCode.Where(char.IsAsciiLetterOrDigit)]) + "_";
        return string.Create(CultureInfo.InvariantCulture, $"HoatDong_{agency}{from:yyyy-MM-dd}_{to:yyyy-MM-dd}.xlsx");
    }
}

/// <summary>The exported file's name and how many activities it lists.</summary>
public sealed record ActivityListExportResult(string FileName, int Rows);
