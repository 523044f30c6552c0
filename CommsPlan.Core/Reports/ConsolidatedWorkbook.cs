using ClosedXML.Excel;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.Reports.Excel;
using CommsPlan.Core.UnitPlans;

namespace CommsPlan.Core.Reports;

/// <summary>
/// Lays out the consolidated report's sheets with ClosedXML. Chi tiết gets its header and one styled template
/// row only; <see cref="ConsolidatedReportBuilder"/> streams the activities into it afterwards. User text always
/// goes in through <see cref="Text"/>, so "=HYPERLINK(…)" or "+1" stays text.
/// </summary>
internal static class ConsolidatedWorkbook
{
    public const string PercentFormat = "0%";
    private const double FontSize = 12;
    private const double TableFontSize = 11;

    public static XLWorkbook Create(ConsolidatedReport report, DateOnly signedOn, string? reportNumber = null)
    {
        var workbook = new XLWorkbook();
        workbook.Style.Font.FontName = Decree30Layout.FontName;
        workbook.Style.Font.FontSize = FontSize;
        workbook.Properties.Title = "Báo cáo kết quả công tác truyền thông hỗ trợ hoạt động kiểm soát TTHC";
        workbook.Properties.Subject = report.Period.Name;
        workbook.Properties.Author = "CommsPlan";

        var context = new SheetContext(report, signedOn, reportNumber);
        Summary(workbook.AddWorksheet(ConsolidatedReportBuilder.SummarySheet), context);
        Agencies(workbook.AddWorksheet(ConsolidatedReportBuilder.AgenciesSheet), context);
        Detail(workbook.AddWorksheet(ConsolidatedReportBuilder.DetailSheet), (sheet, columns, title) => context.Header(sheet, columns, title, 3));
        UnitPlans(workbook.AddWorksheet(ConsolidatedReportBuilder.UnitPlansSheet), context);
        Commendations(workbook.AddWorksheet(ConsolidatedReportBuilder.CommendationsSheet), context);
        Difficulties(workbook.AddWorksheet(ConsolidatedReportBuilder.DifficultiesSheet), context);
        SamePeriod(workbook.AddWorksheet(ConsolidatedReportBuilder.SamePeriodSheet), context);
        Narrative(workbook.AddWorksheet(ConsolidatedReportBuilder.NarrativeSheet), context);
        return workbook;
    }

    /// <summary>What every sheet's header says: the period, the scope, who issues it, on which day and with which report.</summary>
    private sealed record SheetContext(ConsolidatedReport Report, DateOnly SignedOn, string? ReportNumber)
    {
        public MonitoringOverview Overview => Report.Overview;

        /// <summary>"Kỳ báo cáo: Quý I/2021; phạm vi: Toàn tỉnh".</summary>
        public string Subtitle => Report.Period.Kind == ReportingPeriodKind.Custom
            ? $"Phạm vi: {Report.ScopeName}"
            : $"Kỳ báo cáo: {Report.Period.Title}; phạm vi: {Report.ScopeName}";

        /// <summary>The header of a table "Biểu số NN"; the narrative (<paramref name="sheetNumber"/> null) is the report's text, no table.</summary>
        public int Header(IXLWorksheet sheet, int columns, string title, int? sheetNumber) =>
            Decree30Layout.WriteHeader(sheet, columns, Report.Issuer, SignedOn, title, Report.Period.From, Report.Period.To,
                ReportNumber is { } number && sheetNumber is { } n ? Decree30Layout.NumberLine(n, Report.Issuer, number, SignedOn) : null,
                Subtitle);
    }

    // ---------------------------------------------------------------- Tổng hợp

    private static void Summary(IXLWorksheet sheet, SheetContext context)
    {
        Widths(sheet, 6, 46, 18, 14, 13, 30, 13, 17);
        var top = context.Header(sheet, 8, "BIỂU TỔNG HỢP KẾT QUẢ CÔNG TÁC TRUYỀN THÔNG HỖ TRỢ HOẠT ĐỘNG KIỂM SOÁT TTHC", 1);
        HeaderCell(sheet, top, 1, "STT", rows: 2);
        HeaderCell(sheet, top, 2, "Hình thức, kênh tuyên truyền", rows: 2);
        HeaderCell(sheet, top, 3, "Đơn vị tính", rows: 2);
        HeaderCell(sheet, top, 4, "Số hoạt động", rows: 2);
        HeaderCell(sheet, top, 5, "Số lượng", rows: 2);
        HeaderCell(sheet, top, 6, "Chỉ số bổ sung", columns: 2);
        HeaderCell(sheet, top + 1, 6, "Nội dung");
        HeaderCell(sheet, top + 1, 7, "Số lượng");
        HeaderCell(sheet, top, 8, "Kinh phí (đồng)", rows: 2);
        Decree30Layout.StyleTableHeader(sheet.Range(top, 1, top + 1, 8));
        sheet.Row(top).Height = 22;
        sheet.Row(top + 1).Height = 22;

        var row = top + 2;
        var groupRows = new List<int>();
        var groups = context.Overview.ByFormGroup;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var groupRow = row++;
            groupRows.Add(groupRow);
            Text(sheet.Cell(groupRow, 1), Roman(g + 1));
            Text(sheet.Cell(groupRow, 2), $"{group.Name} ({group.Code})");
            for (var i = 0; i < group.Channels.Count; i++)
            {
                var channel = group.Channels[i];
                sheet.Cell(row, 1).SetValue(i + 1);
                Text(sheet.Cell(row, 2), channel.Name);
                Text(sheet.Cell(row, 3), channel.Unit);
                sheet.Cell(row, 4).SetValue(channel.Activities);
                sheet.Cell(row, 5).SetValue(channel.Quantity);
                if (channel.HasSecondMeasure)
                {
                    Text(sheet.Cell(row, 6), SecondMeasureName(channel.SecondMeasureLabel!, channel.SecondMeasureUnit));
                    sheet.Cell(row, 7).SetValue(channel.SecondMeasure);
                }
                sheet.Cell(row, 8).SetValue(channel.Cost);
                row++;
            }
            // Quantities of one group are in different units (news items, broadcasts…): only activities and cost add up.
            SumBelow(sheet, groupRow, group.Channels.Count, 4);
            SumBelow(sheet, groupRow, group.Channels.Count, 8);
            sheet.Range(groupRow, 1, groupRow, 8).Style.Font.Bold = true;
        }
        var total = row;
        Text(sheet.Cell(total, 2), "TỔNG CỘNG");
        SumOf(sheet, total, 4, groupRows);
        SumOf(sheet, total, 8, groupRows);
        sheet.Range(total, 1, total, 8).Style.Font.Bold = true;
        BodyTable(sheet.Range(top + 2, 1, total, 8), numberColumns: [4, 5, 7, 8], centredColumns: [1, 3], TableFontSize);

        // The key figures and the signatures start a page of their own, so the signatures are never split from the
        // figures they sign nor printed under a repeated channel header; the channel table itself fits one page, so
        // it repeats no header rows.
        sheet.PageSetup.AddHorizontalPageBreak(total);
        var last = KeyFigures(sheet, total + 2, context.Overview.Kpis);
        Signatures(sheet, last + 2, context);
        Decree30Layout.SetupPage(sheet, null, null);
        sheet.SheetView.FreezeRows(top + 1);
    }

    /// <summary>The overview's headline figures under the summary table, labelled as the overview's cards are; returns the last row.</summary>
    private static int KeyFigures(IXLWorksheet sheet, int top, KpiFigures k)
    {
        var title = sheet.Range(top, 1, top, 8).Merge();
        title.FirstCell().SetValue("CÁC CHỈ SỐ CHÍNH TRONG KỲ");
        title.Style.Font.Bold = true;
        HeaderCell(sheet, top + 1, 1, "STT");
        HeaderCell(sheet, top + 1, 2, "Chỉ số");
        HeaderCell(sheet, top + 1, 3, "Đơn vị tính");
        HeaderCell(sheet, top + 1, 4, "Giá trị");
        Decree30Layout.StyleTableHeader(sheet.Range(top + 1, 1, top + 1, 4));
        var rows = ReportFigures.KeyFigures(k);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = top + 2 + i;
            sheet.Cell(r, 1).SetValue(i + 1);
            Text(sheet.Cell(r, 2), rows[i].Name);
            Text(sheet.Cell(r, 3), rows[i].Unit);
            sheet.Cell(r, 4).SetValue(rows[i].Value);
        }
        var body = sheet.Range(top + 2, 1, top + 1 + rows.Count, 4);
        BodyTable(body, numberColumns: [4], centredColumns: [1, 3], TableFontSize);
        return top + 1 + rows.Count;
    }

    /// <summary>
    /// The end of the summary as Decree 30 ends a document: Nơi nhận on the left, Người lập biểu in the middle, the signer's
    /// authority and title on the right, room for the signature and seal, then the names in bold. A signer without a
    /// name on record leaves the name line empty, to be written by hand.
    /// </summary>
    private static void Signatures(IXLWorksheet sheet, int top, SheetContext context)
    {
        var issuer = context.Report.Issuer;
        Text(sheet.Cell(top, 1), "Nơi nhận:");
        sheet.Range(top, 1, top, 2).Merge();
        sheet.Cell(top, 1).Style.Font.Bold = true;
        sheet.Cell(top, 1).Style.Font.Italic = true;
        var recipients = context.Report.Recipients;
        for (var i = 0; i < recipients.Count; i++)
        {
            var cell = sheet.Cell(top + 1 + i, 1);
            Text(cell, "- " + recipients[i]);
            sheet.Range(top + 1 + i, 1, top + 1 + i, 2).Merge();
            cell.Style.Font.FontSize = 11;
        }

        Centered(sheet, top, 3, 5, "NGƯỜI LẬP BIỂU", bold: true);
        var signer = issuer.SignerTitleLines;
        for (var i = 0; i < signer.Count; i++) Centered(sheet, top + i, 6, 8, signer[i], bold: true);
        // Room for the signature and the seal: four lines under the longest title.
        var names = top + Math.Max(signer.Count, 1) + 4;
        Centered(sheet, names, 3, 5, context.Report.PreparedBy, bold: true);
        if (issuer.SignerName.Length > 0) Centered(sheet, names, 6, 8, issuer.SignerName, bold: true);
        else sheet.Range(names, 6, names, 8).Merge();
    }

    private static void Centered(IXLWorksheet sheet, int row, int first, int last, string text, bool bold)
    {
        var range = sheet.Range(row, first, row, last).Merge();
        Text(range.FirstCell(), text);
        range.Style.Font.Bold = bold;
        range.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
    }

    // ---------------------------------------------------------------- Theo đơn vị

    private static void Agencies(IXLWorksheet sheet, SheetContext context)
    {
        var overview = context.Overview;
        var groups = overview.ByFormGroup;
        var channels = groups.SelectMany(g => g.Channels).ToList();
        // STT, name, activities per form group + total, quantity per channel, cost, unit plan, % of target, status.
        var firstActivity = 3;
        var totalActivity = firstActivity + groups.Count;
        var firstChannel = totalActivity + 1;
        var cost = firstChannel + channels.Count;
        var unitPlan = cost + 1;
        var share = cost + 2;
        var status = cost + 3;
        // The submission of each report period in the period: status and the day it was sent.
        var reportPeriods = overview.Reporting.Periods.Select(p => p.Period).ToList();
        var firstReport = status + 1;
        var columns = status + reportPeriods.Count;

        sheet.Column(1).Width = 5;
        sheet.Column(2).Width = 30;
        for (var c = firstActivity; c <= totalActivity; c++) sheet.Column(c).Width = 9;
        for (var c = firstChannel; c < cost; c++) sheet.Column(c).Width = 10;
        sheet.Column(cost).Width = 15;
        sheet.Column(unitPlan).Width = 14;
        sheet.Column(share).Width = 9;
        sheet.Column(status).Width = 15;
        for (var c = firstReport; c <= columns; c++) sheet.Column(c).Width = 14;

        var top = context.Header(sheet, columns,
            "KẾT QUẢ CÔNG TÁC TRUYỀN THÔNG HỖ TRỢ HOẠT ĐỘNG KIỂM SOÁT TTHC THEO CƠ QUAN, ĐƠN VỊ", 2);
        HeaderCell(sheet, top, 1, "STT", rows: 2);
        HeaderCell(sheet, top, 2, "Cơ quan, đơn vị", rows: 2);
        HeaderCell(sheet, top, firstActivity, "Số hoạt động", columns: groups.Count + 1);
        for (var g = 0; g < groups.Count; g++) HeaderCell(sheet, top + 1, firstActivity + g, groups[g].Name);
        HeaderCell(sheet, top + 1, totalActivity, "Tổng số");
        var column = firstChannel;
        foreach (var group in groups)
        {
            if (group.Channels.Count == 0) continue;
            HeaderCell(sheet, top, column, $"Số lượng - {group.Name}", columns: group.Channels.Count);
            foreach (var channel in group.Channels) HeaderCell(sheet, top + 1, column++, $"{channel.Name} ({channel.Unit})");
        }
        HeaderCell(sheet, top, cost, "Kinh phí (đồng)", rows: 2);
        HeaderCell(sheet, top, unitPlan, "Kế hoạch của đơn vị", rows: 2);
        HeaderCell(sheet, top, share, "% chỉ tiêu năm", rows: 2);
        HeaderCell(sheet, top, status, "Tiến độ", rows: 2);
        for (var i = 0; i < reportPeriods.Count; i++) HeaderCell(sheet, top, firstReport + i, $"Báo cáo {reportPeriods[i].Title}", rows: 2);
        Decree30Layout.StyleTableHeader(sheet.Range(top, 1, top + 1, columns));
        sheet.Row(top).Height = 30;
        sheet.Row(top + 1).Height = RowHeights.For(
            channels.Select(c => ((string?)$"{c.Name} ({c.Unit})", 10.0)).Concat(groups.Select(g => ((string?)g.Name, 9.0))), FontSize) ?? 22;

        var sumColumns = Enumerable.Range(firstActivity, cost - firstActivity + 1).ToList();
        var row = top + 2;
        var groupRows = new List<int>();
        var byGroup = overview.Agencies.GroupBy(a => a.Agency.Group).OrderBy(g => g.Key).ToList();
        for (var g = 0; g < byGroup.Count; g++)
        {
            var groupRow = row++;
            groupRows.Add(groupRow);
            Text(sheet.Cell(groupRow, 1), Roman(g + 1));
            Text(sheet.Cell(groupRow, 2), byGroup[g].Key.DisplayName().ToUpperInvariant());
            var number = 0;
            foreach (var agency in byGroup[g])
            {
                var byChannel = agency.Channels.ToDictionary(c => c.ChannelCode);
                sheet.Cell(row, 1).SetValue(++number);
                Text(sheet.Cell(row, 2), agency.IsActive ? agency.Agency.Name : $"{agency.Agency.Name} (ngừng hoạt động)");
                for (var i = 0; i < groups.Count; i++) sheet.Cell(row, firstActivity + i).SetValue(agency.ActivitiesIn(groups[i].Code));
                sheet.Cell(row, totalActivity).SetValue(agency.Activities);
                for (var i = 0; i < channels.Count; i++)
                    sheet.Cell(row, firstChannel + i).SetValue(byChannel.TryGetValue(channels[i].Code, out var p) ? p.PeriodQuantity : 0);
                sheet.Cell(row, cost).SetValue(agency.Cost);
                Text(sheet.Cell(row, unitPlan), agency.UnitPlan is { } plan ? UnitPlanStatusRule.DisplayName(plan) : "Không áp dụng");
                if (agency.TargetShareShown() is { } value) sheet.Cell(row, share).SetValue(value);
                Text(sheet.Cell(row, status), agency.Status.DisplayName());
                for (var i = 0; i < reportPeriods.Count; i++)
                    Text(sheet.Cell(row, firstReport + i), SubmissionText(overview.Reporting.Find(agency.Agency.Id, reportPeriods[i].Key)));
                row++;
            }
            foreach (var c in sumColumns) SumBelow(sheet, groupRow, number, c);
            sheet.Range(groupRow, 1, groupRow, columns).Style.Font.Bold = true;
        }
        var total = row;
        Text(sheet.Cell(total, 2), "TỔNG CỘNG");
        foreach (var c in sumColumns) SumOf(sheet, total, c, groupRows);
        sheet.Range(total, 1, total, columns).Style.Font.Bold = true;

        var body = sheet.Range(top + 2, 1, total, columns);
        BodyTable(body, numberColumns: sumColumns,
            centredColumns: [1, unitPlan, share, status, .. Enumerable.Range(firstReport, reportPeriods.Count)], TableFontSize);
        if (reportPeriods.Count > 0) sheet.Range(top + 2, firstReport, total, columns).Style.Alignment.WrapText = true;
        sheet.Range(top + 2, share, total, share).Style.NumberFormat.Format = PercentFormat;
        Decree30Layout.SetupPage(sheet, top, top + 1);
    }

    /// <summary>"Đã duyệt (gửi 18/3/2021)", "Chưa gửi"; empty for an agency no report is expected from (no longer active).</summary>
    private static string? SubmissionText(ReportingCycle.PeriodReportCell? report) => report switch
    {
        null => null,
        { SubmittedOn: { } on } when report.Status != ReportingCycle.PeriodReportStatus.NotSent =>
            $"{ReportingCycle.PeriodReportStatusExtensions.DisplayName(report.Status)} (gửi {on.ToOfficialString()})",
        _ => ReportingCycle.PeriodReportStatusExtensions.DisplayName(report.Status),
    };

    // ---------------------------------------------------------------- Chi tiết

    public const int DetailHeaderRow = 10;
    public const int DetailFirstDataRow = DetailHeaderRow + 1;

    private static readonly (string Header, double Width)[] DetailHeaders =
    [
        ("STT", 7), ("Ngày bắt đầu", 12), ("Ngày kết thúc", 12), ("Cơ quan, đơn vị", 26), ("Hình thức", 9),
        ("Kênh tuyên truyền", 24), ("Tên hoạt động", 42), ("Số lượng", 10), ("Đơn vị tính", 12), ("Chỉ số bổ sung", 11),
        ("Đơn vị tính (chỉ số bổ sung)", 12), ("Mục đích", 12), ("Nội dung", 12), ("Địa bàn", 16), ("Kinh phí (đồng)", 15),
        ("Minh chứng", 32), ("Số tệp minh chứng", 10),
    ];

    /// <summary>The Chi tiết columns, in <see cref="DetailHeaders"/> order; text stays text (inline strings).</summary>
    public static IReadOnlyList<Func<NumberedRow, object?>> DetailColumns { get; } =
    [
        r => r.Number,
        r => r.Row.StartDate,
        r => r.Row.EndDate,
        r => r.Row.AgencyName,
        r => r.Row.FormGroupCode,
        r => r.Row.ChannelName,
        r => r.Row.Title,
        r => r.Row.Quantity,
        r => r.Row.Unit,
        r => r.Row.SecondMeasure,
        r => r.Row.SecondMeasure is null ? null : r.Row.SecondMeasureUnit,
        r => r.Row.Objectives,
        r => r.Row.Themes,
        r => r.Row.DistrictName,
        r => r.Row.Cost,
        r => r.Row.EvidenceUrl,
        r => r.Row.FileCount,
    ];

    /// <summary>The height a detail row's wrapped text needs (agency, channel, title, tags, area, link); null for one line.</summary>
    public static double? DetailRowHeight(NumberedRow r) => RowHeights.For(
    [
        (r.Row.AgencyName, DetailHeaders[3].Width), (r.Row.ChannelName, DetailHeaders[5].Width), (r.Row.Title, DetailHeaders[6].Width),
        (r.Row.Objectives, DetailHeaders[11].Width), (r.Row.Themes, DetailHeaders[12].Width), (r.Row.DistrictName, DetailHeaders[13].Width),
        (r.Row.EvidenceUrl, DetailHeaders[15].Width),
    ], TableFontSize);

    public const string DetailTitle = "DANH SÁCH CHI TIẾT CÁC HOẠT ĐỘNG TRUYỀN THÔNG HỖ TRỢ HOẠT ĐỘNG KIỂM SOÁT TTHC";

    /// <summary>
    /// A workbook of the Chi tiết sheet alone (the activity list's export): the same header, columns and template row as
    /// the consolidated report's, headed by <paramref name="issuer"/>, for <see cref="StreamingSheetWriter"/> to fill.
    /// </summary>
    public static XLWorkbook CreateDetailOnly(IssuingBody issuer, DateOnly signedOn, DateOnly from, DateOnly to, string subtitle)
    {
        var workbook = new XLWorkbook();
        workbook.Style.Font.FontName = Decree30Layout.FontName;
        workbook.Style.Font.FontSize = FontSize;
        workbook.Properties.Title = "Danh sách hoạt động truyền thông hỗ trợ hoạt động kiểm soát TTHC";
        workbook.Properties.Author = "CommsPlan";
        Detail(workbook.AddWorksheet(ConsolidatedReportBuilder.DetailSheet),
            (sheet, columns, title) => Decree30Layout.WriteHeader(sheet, columns, issuer, signedOn, title, from, to, null, subtitle));
        return workbook;
    }

    /// <param name="header">Writes the Decree 30 header (sheet, columns, title) and returns the table's first row.</param>
    private static void Detail(IXLWorksheet sheet, Func<IXLWorksheet, int, string, int> header)
    {
        var columns = DetailHeaders.Length;
        for (var i = 0; i < columns; i++) sheet.Column(i + 1).Width = DetailHeaders[i].Width;
        var top = header(sheet, columns, DetailTitle);
        if (top != DetailHeaderRow) throw new InvalidOperationException("The detail sheet's header must end where the streamed rows expect it.");
        for (var i = 0; i < columns; i++) HeaderCell(sheet, top, i + 1, DetailHeaders[i].Header);
        Decree30Layout.StyleTableHeader(sheet.Range(top, 1, top, columns));
        sheet.Row(top).Height = RowHeights.For(DetailHeaders.Select(h => ((string?)h.Header, h.Width)), FontSize) ?? 22;

        // The template row: every streamed row takes its cells' styles column by column.
        var template = sheet.Range(DetailFirstDataRow, 1, DetailFirstDataRow, columns);
        Decree30Layout.Border(template);
        template.Style.Font.FontSize = TableFontSize;
        template.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        template.Style.Alignment.WrapText = true;
        foreach (var c in new[] { 2, 3 }) sheet.Cell(DetailFirstDataRow, c).Style.DateFormat.Format = Decree30Layout.DateFormat;
        foreach (var c in new[] { 1, 8, 10, 15, 17 }) sheet.Cell(DetailFirstDataRow, c).Style.NumberFormat.Format = Decree30Layout.NumberFormat;
        foreach (var c in new[] { 1, 2, 3, 5, 9, 11, 17 }) sheet.Cell(DetailFirstDataRow, c).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        sheet.Range(top, 1, DetailFirstDataRow, columns).SetAutoFilter();
        Decree30Layout.SetupPage(sheet, top, top);
    }

    // ---------------------------------------------------------------- Kế hoạch đơn vị

    private static void UnitPlans(IXLWorksheet sheet, SheetContext context)
    {
        Widths(sheet, 6, 38, 20, 14, 14, 16, 44);
        var top = context.Header(sheet, 7, "TÌNH HÌNH XÂY DỰNG KẾ HOẠCH TRUYỀN THÔNG CỦA CÁC CƠ QUAN, ĐƠN VỊ", 4);
        string[] headers = ["STT", "Cơ quan, đơn vị", "Số, ký hiệu kế hoạch", "Ngày ban hành", "Thời hạn ban hành", "Tình trạng", "Đường dẫn văn bản"];
        for (var i = 0; i < headers.Length; i++) HeaderCell(sheet, top, i + 1, headers[i]);
        Decree30Layout.StyleTableHeader(sheet.Range(top, 1, top, 7));
        sheet.Row(top).Height = 32;

        var plans = context.Overview.UnitPlans;
        var row = top + 1;
        if (plans.Count == 0)
        {
            var none = sheet.Range(row, 1, row, 7).Merge();
            none.FirstCell().SetValue("Không có cơ quan, đơn vị thuộc đối tượng phải xây dựng kế hoạch truyền thông trong phạm vi báo cáo.");
            none.Style.Font.Italic = true;
            Decree30Layout.Border(sheet.Range(row, 1, row, 7));
            Decree30Layout.SetupPage(sheet, top, top);
            return;
        }
        var byGroup = plans.GroupBy(p => p.Agency.Group).OrderBy(g => g.Key).ToList();
        for (var g = 0; g < byGroup.Count; g++)
        {
            Text(sheet.Cell(row, 1), Roman(g + 1));
            Text(sheet.Cell(row, 2), byGroup[g].Key.DisplayName().ToUpperInvariant());
            sheet.Range(row, 1, row, 7).Style.Font.Bold = true;
            row++;
            var number = 0;
            foreach (var plan in byGroup[g])
            {
                sheet.Cell(row, 1).SetValue(++number);
                Text(sheet.Cell(row, 2), plan.Agency.Name);
                Text(sheet.Cell(row, 3), plan.DocumentNumber);
                if (plan.IssuedOn is { } issued) sheet.Cell(row, 4).SetValue(issued.ToDateTime(TimeOnly.MinValue));
                if (plan.Deadline is { } deadline) sheet.Cell(row, 5).SetValue(deadline.ToDateTime(TimeOnly.MinValue));
                Text(sheet.Cell(row, 6), plan.StatusName);
                Link(sheet.Cell(row, 7), plan.Link);
                row++;
            }
        }
        var last = row - 1;
        var body = sheet.Range(top + 1, 1, last, 7);
        BodyTable(body, numberColumns: [], centredColumns: [1, 3, 4, 5, 6]);
        sheet.Range(top + 1, 4, last, 5).Style.DateFormat.Format = Decree30Layout.DateFormat;

        // The counts as formulas over the status column, so a corrected status in the file recounts itself.
        var statusRange = $"F{top + 1}:F{last}";
        row = last + 2;
        var first = row;
        foreach (var status in new[] { UnitPlanStatus.OnTime, UnitPlanStatus.Late, UnitPlanStatus.Missing })
        {
            var label = UnitPlanStatusRule.DisplayName(status);
            Text(sheet.Cell(row, 2), label);
            sheet.Cell(row, 6).FormulaA1 = $"COUNTIF({statusRange},\"{label}\")";
            row++;
        }
        Text(sheet.Cell(row, 2), "Tổng số cơ quan, đơn vị phải xây dựng kế hoạch");
        sheet.Cell(row, 6).FormulaA1 = $"SUM(F{first}:F{row - 1})";
        sheet.Range(row, 1, row, 7).Style.Font.Bold = true;
        BodyTable(sheet.Range(first, 1, row, 7), numberColumns: [6], centredColumns: []);
        Decree30Layout.SetupPage(sheet, top, top);
    }

    // ---------------------------------------------------------------- Biểu dương, khó khăn vướng mắc

    private static void Commendations(IXLWorksheet sheet, SheetContext context) => FeedbackSheet(sheet, context, 5,
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC BIỂU DƯƠNG TRONG CÔNG TÁC KIỂM SOÁT TTHC",
        "Không có tập thể, cá nhân được biểu dương trong kỳ báo cáo.",
        context.Report.Commendations,
        [
            new("Ngày", 13, c => c.Date, Centred: true),
            new("Cơ quan, đơn vị đề nghị", 30, c => c.AgencyName),
            new("Tập thể / cá nhân", 12, c => c.KindName, Centred: true),
            new("Tên tập thể, cá nhân", 32, c => c.Recipient),
            new("Thành tích", 60, c => c.Achievement),
        ]);

    private static void Difficulties(IXLWorksheet sheet, SheetContext context) => FeedbackSheet(sheet, context, 6,
        "TỔNG HỢP KHÓ KHĂN, VƯỚNG MẮC VÀ KẾT QUẢ TRẢ LỜI CỦA VĂN PHÒNG UBND TỈNH",
        "Không có khó khăn, vướng mắc được phản ánh trong kỳ báo cáo.",
        context.Report.Difficulties,
        [
            new("Ngày phản ánh", 13, d => d.RaisedOn, Centred: true),
            new("Cơ quan, đơn vị", 24, d => d.AgencyName),
            new("Vấn đề", 28, d => d.Title),
            new("Nội dung khó khăn, vướng mắc", 44, d => d.Content),
            new("Tình trạng", 14, d => d.StatusName, Centred: true),
            new("Nội dung trả lời", 44, d => d.Answer),
            new("Ngày trả lời", 13, d => d.AnsweredOn, Centred: true),
            new("Người trả lời", 16, d => d.AnsweredBy),
        ]);

    /// <summary>A column of a feedback list: its header, width and value (a date is written as a date, anything else as text).</summary>
    private sealed record FeedbackColumn<T>(string Header, double Width, Func<T, object?> Value, bool Centred = false);

    /// <summary>
    /// The layout both feedback sheets share: a numbered list under the report's header, one row a record, dates as dates,
    /// user text as text, and one italic line when the period has none.
    /// </summary>
    private static void FeedbackSheet<T>(IXLWorksheet sheet, SheetContext context, int sheetNumber, string title, string emptyText,
        IReadOnlyList<T> rows, IReadOnlyList<FeedbackColumn<T>> columns)
    {
        var count = columns.Count + 1;
        Widths(sheet, [6, .. columns.Select(c => c.Width)]);
        var top = context.Header(sheet, count, title, sheetNumber);
        HeaderCell(sheet, top, 1, "STT");
        for (var c = 0; c < columns.Count; c++) HeaderCell(sheet, top, c + 2, columns[c].Header);
        Decree30Layout.StyleTableHeader(sheet.Range(top, 1, top, count));
        sheet.Row(top).Height = 32;

        var dates = new HashSet<int>();
        var row = top + 1;
        foreach (var (item, i) in rows.Select((r, i) => (r, i)))
        {
            sheet.Cell(row, 1).SetValue(i + 1);
            for (var c = 0; c < columns.Count; c++)
            {
                var cell = sheet.Cell(row, c + 2);
                switch (columns[c].Value(item))
                {
                    case DateOnly date:
                        cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
                        dates.Add(c + 2);
                        break;
                    case string text:
                        Text(cell, text);
                        break;
                }
            }
            row++;
        }
        int[] centred = [1, .. columns.Select((c, i) => (c, i)).Where(x => x.c.Centred).Select(x => x.i + 2)];
        EmptyOrBody(sheet, top, row, count, emptyText, centred: centred, dates: [.. dates]);
        Decree30Layout.SetupPage(sheet, top, top);
    }

    // ---------------------------------------------------------------- So sánh cùng kỳ

    /// <summary>Percentages of change carry their sign: +12%, -5%.</summary>
    public const string ChangePercentFormat = "+0%;-0%;0%";

    /// <summary>The first column of each measure's four (same period last year, this period, change, change in percent).</summary>
    public const int SameActivities = 4, SameQuantity = 8, SameParticipants = 12, SameCost = 16;
    private const int SameColumns = 19;

    /// <summary>
    /// The period against the same days one year earlier in the previous plan year, per form group and channel matched by
    /// code, with totals. A channel of one year only says so beside its name and leaves the other year's cells empty;
    /// a change from nothing reads "mới", never a percentage. Without a previous plan year the sheet says so.
    /// </summary>
    private static void SamePeriod(IXLWorksheet sheet, SheetContext context)
    {
        Widths(sheet, [5, 34, 12, .. Enumerable.Repeat(10.0, 4), .. Enumerable.Repeat(10.0, 4), .. Enumerable.Repeat(10.0, 4), 14, 14, 14, 9]);
        var top = context.Header(sheet, SameColumns, "SO SÁNH KẾT QUẢ CÔNG TÁC TRUYỀN THÔNG HỖ TRỢ HOẠT ĐỘNG KIỂM SOÁT TTHC VỚI CÙNG KỲ NĂM TRƯỚC", 7);
        var comparison = context.Report.SamePeriodLastYear;
        var (was, now) = comparison is null
            ? (context.Report.Period.To.Year - 1, context.Report.Period.To.Year)
            : (comparison.Base.Year, comparison.Current.Year);
        HeaderCell(sheet, top, 1, "STT", rows: 2);
        HeaderCell(sheet, top, 2, "Hình thức, kênh tuyên truyền", rows: 2);
        HeaderCell(sheet, top, 3, "Đơn vị tính", rows: 2);
        foreach (var (first, name) in new[] { (SameActivities, "Số hoạt động"), (SameQuantity, "Số lượng"),
                     (SameParticipants, "Người tham dự (lượt người)"), (SameCost, "Kinh phí (đồng)") })
        {
            HeaderCell(sheet, top, first, name, columns: 4);
            HeaderCell(sheet, top + 1, first, $"Cùng kỳ {was}");
            HeaderCell(sheet, top + 1, first + 1, $"Kỳ này {now}");
            HeaderCell(sheet, top + 1, first + 2, "Tăng, giảm");
            HeaderCell(sheet, top + 1, first + 3, "Tỷ lệ");
        }
        Decree30Layout.StyleTableHeader(sheet.Range(top, 1, top + 1, SameColumns));
        sheet.Row(top).Height = 22;
        sheet.Row(top + 1).Height = 30;

        var row = top + 2;
        if (comparison is null)
        {
            var none = sheet.Range(row, 1, row, SameColumns).Merge();
            none.FirstCell().SetValue($"Không có kế hoạch năm {was} đã ban hành: không có số liệu cùng kỳ năm trước để so sánh.");
            none.Style.Font.Italic = true;
            Decree30Layout.Border(sheet.Range(row, 1, row, SameColumns));
            Decree30Layout.SetupPage(sheet, top, top + 1);
            return;
        }

        var groups = comparison.FormGroups;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            Text(sheet.Cell(row, 1), Roman(g + 1));
            Text(sheet.Cell(row, 2), $"{group.Name} ({group.Code}){OnlyIn(group, was, now)}");
            // Quantities of one group are in different units: only activities, participants and cost add up.
            SameRow(sheet, row, group);
            sheet.Range(row, 1, row, SameColumns).Style.Font.Bold = true;
            row++;
            var number = 0;
            foreach (var channel in comparison.Channels.Where(c => c.GroupCode == group.Code))
            {
                sheet.Cell(row, 1).SetValue(++number);
                Text(sheet.Cell(row, 2), channel.Name + OnlyIn(channel, was, now));
                Text(sheet.Cell(row, 3), channel.Unit);
                SameRow(sheet, row, channel);
                row++;
            }
        }
        Text(sheet.Cell(row, 2), "TỔNG CỘNG");
        SameRow(sheet, row, comparison.Total);
        sheet.Range(row, 1, row, SameColumns).Style.Font.Bold = true;
        var total = row;

        var numbers = new[] { SameActivities, SameQuantity, SameParticipants, SameCost }.SelectMany(c => new[] { c, c + 1, c + 2 }).ToList();
        BodyTable(sheet.Range(top + 2, 1, total, SameColumns), numberColumns: numbers, centredColumns: [1, 3], TableFontSize);
        foreach (var c in new[] { SameActivities, SameQuantity, SameParticipants, SameCost })
        {
            var percent = sheet.Range(top + 2, c + 3, total, c + 3);
            percent.Style.NumberFormat.Format = ChangePercentFormat;
            percent.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
        }

        var note = sheet.Range(total + 2, 1, total + 2, SameColumns).Merge();
        note.FirstCell().SetValue(
            $"Cùng kỳ năm {was}: từ {comparison.Base.From.ToOfficialString()} đến {comparison.Base.To.ToOfficialString()} (Kế hoạch số {comparison.Base.PlanNumber}); "
            + $"kỳ này: từ {comparison.Current.From.ToOfficialString()} đến {comparison.Current.To.ToOfficialString()} (Kế hoạch số {comparison.Current.PlanNumber}). "
            + "Các kênh được đối chiếu theo mã; kênh chỉ có trong một năm để trống ô của năm kia. \"Mới\": năm trước không có số liệu để tính tỷ lệ.");
        note.Style.Font.Italic = true;
        note.Style.Font.FontSize = TableFontSize;
        note.Style.Alignment.WrapText = true;
        sheet.Row(total + 2).Height = RowHeights.LineHeight(TableFontSize) * 2 + 4;
        Decree30Layout.SetupPage(sheet, top, top + 1);
        sheet.SheetView.FreezeRows(top + 1);
    }

    /// <summary>" (chỉ có năm 2022)" for a code of one year only; empty for a code of both.</summary>
    private static string OnlyIn(Compare.ComparedRow row, int was, int now) => row.Presence switch
    {
        Compare.ComparedPresence.CurrentOnly => $" (chỉ có năm {now})",
        Compare.ComparedPresence.BaseOnly => $" (chỉ có năm {was})",
        _ => "",
    };

    private static void SameRow(IXLWorksheet sheet, int row, Compare.ComparedRow compared)
    {
        ChangeCells(sheet, row, SameActivities, compared.Activities);
        ChangeCells(sheet, row, SameQuantity, compared.Quantity);
        ChangeCells(sheet, row, SameParticipants, compared.Participants);
        ChangeCells(sheet, row, SameCost, compared.Cost);
    }

    /// <summary>Both years, the change and its percentage; a missing year stays empty, a change from nothing reads "mới".</summary>
    private static void ChangeCells(IXLWorksheet sheet, int row, int first, Compare.Change change)
    {
        if (change.Base is { } was) sheet.Cell(row, first).SetValue(was);
        if (change.Current is { } now) sheet.Cell(row, first + 1).SetValue(now);
        if (change.Delta is { } delta) sheet.Cell(row, first + 2).SetValue(delta);
        if (change.Percent is { } percent) sheet.Cell(row, first + 3).SetValue(percent);
        else if (change.IsNew) Text(sheet.Cell(row, first + 3), "mới");
    }

    // ---------------------------------------------------------------- Thuyết minh

    private const int NarrativeColumns = 4;
    // Four columns of 21 fill a portrait A4 between Decree 30's margins at full scale.
    private const double NarrativeColumnWidth = 21;

    private static void Narrative(IXLWorksheet sheet, SheetContext context)
    {
        for (var c = 1; c <= NarrativeColumns; c++) sheet.Column(c).Width = NarrativeColumnWidth;
        var row = context.Header(sheet, NarrativeColumns, "THUYẾT MINH KẾT QUẢ CÔNG TÁC TRUYỀN THÔNG HỖ TRỢ HOẠT ĐỘNG KIỂM SOÁT TTHC", null);
        foreach (var section in context.Report.Narrative.Sections)
        {
            var heading = Paragraph(sheet, row++, section.Heading);
            heading.Style.Font.Bold = true;
            foreach (var paragraph in section.Paragraphs)
            {
                var range = Paragraph(sheet, row++, paragraph);
                range.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Justify;
            }
            row++;
        }
        // Text reads as a page of a report: portrait, no header rows to repeat.
        Decree30Layout.SetupPage(sheet, null, null, landscape: false);
    }

    /// <summary>
    /// A paragraph merged across the sheet's width and wrapped. Excel does not size merged rows to their text, so
    /// the height is estimated from the length, generously rather than cutting a line off.
    /// </summary>
    private static IXLRange Paragraph(IXLWorksheet sheet, int row, string text)
    {
        var range = sheet.Range(row, 1, row, NarrativeColumns).Merge();
        range.FirstCell().SetValue(text);
        range.Style.Alignment.WrapText = true;
        range.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        sheet.Row(row).Height = RowHeights.For([(text, NarrativeColumns * NarrativeColumnWidth - 2)], FontSize)
            ?? RowHeights.LineHeight(FontSize) + 3;
        return range;
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>User and catalogue text is always written as text: never parsed as a number, date or formula.</summary>
    private static void Text(IXLCell cell, string? value)
    {
        // SetValue of a string stores it as a shared string as it is (Value = "…" would parse "+1" as a number).
        if (!string.IsNullOrEmpty(value)) cell.SetValue(value);
    }

    /// <summary>A link a user entered: clickable when it is a web address, otherwise just its text.</summary>
    private static void Link(IXLCell cell, string? value)
    {
        Text(cell, value);
        if (HttpLink.IsValid(value))
        {
            cell.Hyperlink = new XLHyperlink(new Uri(value!.Trim()));
            cell.Style.Font.FontColor = XLColor.Blue;
            cell.Style.Font.Underline = XLFontUnderlineValues.Single;
        }
    }

    private static void Widths(IXLWorksheet sheet, params double[] widths)
    {
        for (var i = 0; i < widths.Length; i++) sheet.Column(i + 1).Width = widths[i];
    }

    private static void HeaderCell(IXLWorksheet sheet, int row, int column, string text, int rows = 1, int columns = 1)
    {
        var range = sheet.Range(row, column, row + rows - 1, column + columns - 1);
        if (rows > 1 || columns > 1) range.Merge();
        range.FirstCell().SetValue(text);
    }

    /// <summary>Borders, alignment, number formats and font size of a table's body; rows sized to their wrapped text.</summary>
    private static void BodyTable(IXLRange body, IEnumerable<int> numberColumns, IEnumerable<int> centredColumns, double fontSize = FontSize)
    {
        Decree30Layout.Border(body);
        body.Style.Font.FontSize = fontSize;
        body.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        body.Style.Alignment.WrapText = true;
        var sheet = body.Worksheet;
        var first = body.FirstRow().RowNumber();
        var last = body.LastRow().RowNumber();
        foreach (var c in numberColumns) sheet.Range(first, c, last, c).Style.NumberFormat.Format = Decree30Layout.NumberFormat;
        foreach (var c in centredColumns) sheet.Range(first, c, last, c).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        RowHeights.Fit(sheet, first, last, fontSize);
    }

    private static void EmptyOrBody(IXLWorksheet sheet, int top, int nextRow, int columns, string emptyText, int[] centred, int[] dates)
    {
        if (nextRow == top + 1)
        {
            var none = sheet.Range(nextRow, 1, nextRow, columns).Merge();
            none.FirstCell().SetValue(emptyText);
            none.Style.Font.Italic = true;
            Decree30Layout.Border(sheet.Range(nextRow, 1, nextRow, columns));
            return;
        }
        var body = sheet.Range(top + 1, 1, nextRow - 1, columns);
        BodyTable(body, numberColumns: [], centredColumns: centred);
        body.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        foreach (var c in dates) sheet.Range(top + 1, c, nextRow - 1, c).Style.DateFormat.Format = Decree30Layout.DateFormat;
    }

    /// <summary>=SUM of the <paramref name="count"/> rows under <paramref name="row"/> in <paramref name="column"/>.</summary>
    private static void SumBelow(IXLWorksheet sheet, int row, int count, int column)
    {
        if (count == 0)
        {
            sheet.Cell(row, column).SetValue(0);
            return;
        }
        var letter = StreamingSheetWriter.ColumnName(column);
        sheet.Cell(row, column).FormulaA1 = $"SUM({letter}{row + 1}:{letter}{row + count})";
    }

    /// <summary>=SUM of the given cells of <paramref name="column"/> (the group subtotals) into the total row.</summary>
    private static void SumOf(IXLWorksheet sheet, int row, int column, IReadOnlyList<int> rows)
    {
        if (rows.Count == 0)
        {
            sheet.Cell(row, column).SetValue(0);
            return;
        }
        var letter = StreamingSheetWriter.ColumnName(column);
        sheet.Cell(row, column).FormulaA1 = "SUM(" + string.Join(",", rows.Select(r => $"{letter}{r}")) + ")";
    }

    /// <summary>"Số người tham dự (lượt người)"; a label that already names its unit ("Thời lượng (phút)", "Số bản") is kept.</summary>
    private static string SecondMeasureName(string label, string? unit) =>
        unit is null || label.Contains('(') || label.Contains(unit, StringComparison.OrdinalIgnoreCase) ? label : $"{label} ({unit})";

    private static string Roman(int number) => number switch
    {
        1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI", 7 => "VII", 8 => "VIII", 9 => "IX", 10 => "X",
        _ => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
