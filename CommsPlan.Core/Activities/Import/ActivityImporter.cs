using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Common.HeavyJobs;
using CommsPlan.Core.Data;
using CommsPlan.Core.Data.Writing;
using CommsPlan.Core.ReportingCycle;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using L = CommsPlan.Core.Activities.ActivityInputValidator.Labels;

namespace CommsPlan.Core.Activities.Import;

/// <summary>
/// Imports an officer's activities from the Excel template in two steps: <see cref="PreviewAsync"/> reads and checks
/// every row with the same validator as the form, saving nothing; <see cref="CommitAsync"/> saves all rows in one
/// transaction, or none. Bad input never throws: a bad file gets one reason, a bad row its reasons. A preview is held to
/// the <see cref="ImportBudgets"/> (the defaults unless given others) and stops when its caller's token is cancelled.
/// </summary>
public sealed partial class ActivityImporter(
    IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time, IDataChangeNotifier notifier, IActivityLock locks,
    ILogger<ActivityImporter>? logger = null,
    ImportBudgets? budgets = null)
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private readonly ImportBudgets _budgets = budgets ?? ImportBudgets.Default;

    public const long MaxFileBytes = 5 * 1024 * 1024;
    public const int MaxRows = 10_000;

    /// <summary>
    /// What the package may unpack to, all parts together. A real 10,000-row file unpacks to about a tenth of it;
    /// a zip bomb (a few hundred kilobytes that unpack to gigabytes) is refused before any part is parsed.
    /// </summary>
    public const long MaxUnpackedBytes = 80L * 1024 * 1024;
    public const int MaxPackageEntries = 500;

    public static readonly string FileTooLargeMessage = "Tệp lớn hơn 5 MB. Hãy chia thành nhiều tệp nhỏ hơn.";
    public static readonly string NotXlsxMessage = "Tệp không phải là tệp Excel .xlsx hợp lệ. Hãy dùng tệp mẫu và lưu dưới dạng .xlsx.";
    public static readonly string OldExcelMessage = "Tệp .xls (Excel 97-2003) không được hỗ trợ. Hãy mở tệp trong Excel và lưu lại dưới dạng .xlsx.";
    public static readonly string EmptyFileMessage = "Tệp rỗng.";
    public static readonly string UnpackedTooLargeMessage =
        "Tệp Excel chứa quá nhiều dữ liệu khi giải nén (hơn 80 MB) hoặc quá nhiều thành phần. Hãy chia thành nhiều tệp nhỏ hơn.";
    public static readonly string NoRowsMessage = $"Trang «{ActivitySheet.SheetName}» không có dòng dữ liệu nào.";
    public static readonly string TooManyRowsMessage =
        $"Trang «{ActivitySheet.SheetName}» có hơn {MaxRows.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))} dòng. Hãy chia thành nhiều tệp.";
    public static readonly string NoSheetMessage =
        $"Tệp không có trang «{ActivitySheet.SheetName}». Hãy dùng tệp mẫu tải từ trang Nhập từ Excel.";

    /// <summary>A file over one of the <see cref="ImportBudgets"/>; <paramref name="reason"/> says which, in plain words.</summary>
    public static string TooComplexMessage(string reason) =>
        $"Tệp Excel có cấu trúc quá phức tạp hoặc chứa quá nhiều dữ liệu ({reason}) nên không đọc được; chưa có gì thay đổi. "
        + "Hãy chép các dòng hoạt động sang tệp mẫu mới tải từ trang Nhập từ Excel, chia thành nhiều tệp nếu có nhiều dòng, rồi tải lên lại.";

    public static string TooSlowMessage(TimeSpan budget) =>
        $"Việc đọc và kiểm tra tệp đã quá {budget.TotalSeconds.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))} giây nên đã dừng; chưa có gì thay đổi. "
        + "Hãy chia thành nhiều tệp nhỏ hơn, hoặc chép các dòng sang tệp mẫu mới rồi tải lên lại.";

    public static string MissingColumnsMessage(IEnumerable<string> columns) =>
        $"Trang «{ActivitySheet.SheetName}» thiếu cột: {string.Join(", ", columns)}. Hãy dùng tệp mẫu, không đổi tên cột.";

    private static readonly string[] DateFormats = ["d/M/yyyy", "dd/MM/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy-MM-dd"];
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The empty workbook to fill, with the current catalogue's codes.</summary>
    public Task<byte[]> CreateTemplateAsync(CancellationToken ct = default) => CreateTemplateAsync(null, ct);

    /// <summary>The empty workbook to fill, with the codes of the plan of <paramref name="planYear"/> (the current plan when null).</summary>
    /// <exception cref="BusinessRuleException">No issued plan of that year.</exception>
    public async Task<byte[]> CreateTemplateAsync(int? planYear, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return ActivityTemplate.Create(await ActivityCatalogue.LoadAsync(db, time.Today(), planYear, ct));
    }

    /// <summary>
    /// Reads an uploaded workbook into rows for the officer's agency and checks each one. Saves nothing.
    /// At most <see cref="MaxFileBytes"/> are read from <paramref name="file"/>. A preview that takes longer than
    /// <see cref="ImportBudgets.PreviewTime"/> is refused; one whose <paramref name="ct"/> is cancelled (the page
    /// closed, the app stopping) stops at the next XML node or block of the file it reads and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <exception cref="AccessDeniedException">The caller is not an agency officer.</exception>
    public Task<ActivityImportPreview> PreviewAsync(CurrentUser user, Stream file, CancellationToken ct = default) =>
        PreviewAsync(user, file, null, ct);

    /// <summary>
    /// <see cref="PreviewAsync(CurrentUser, Stream, CancellationToken)"/> into the plan of <paramref name="planYear"/> (the
    /// current plan when null): its channel codes, tags and period, so a row dated in another plan's year is refused.
    /// </summary>
    /// <exception cref="AccessDeniedException">The caller is not an agency officer.</exception>
    /// <exception cref="BusinessRuleException">No issued plan of that year.</exception>
    public async Task<ActivityImportPreview> PreviewAsync(CurrentUser user, Stream file, int? planYear, CancellationToken ct = default)
    {
        var agencyId = ActivityService.WritableAgency(user, null);
        using var timeout = new CancellationTokenSource(_budgets.PreviewTime, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        ActivityImportPreview preview;
        try
        {
            preview = await ReadPreviewAsync(agencyId, file, planYear, linked.Token);
        }
        catch (Exception) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Whatever stopped the work once its time was up (a cancellation, or a database call interrupted) was the budget.
            preview = ActivityImportPreview.Refused(agencyId, TooSlowMessage(_budgets.PreviewTime));
        }
        if (preview.FileError is not null)
            _logger.LogWarning("Import refused for {UserName} of agency {AgencyId}: {Reason}", user.UserName, agencyId, preview.FileError);
        else
            _logger.LogInformation("Import preview for {UserName} of agency {AgencyId}: {Rows} rows, {BadRows} with errors.",
                user.UserName, agencyId, preview.Rows.Count, preview.BadRows.Count);
        return preview;
    }

    private async Task<ActivityImportPreview> ReadPreviewAsync(int agencyId, Stream file, int? planYear, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        if (!await CopyUpToAsync(file, buffer, MaxFileBytes, ct)) return ActivityImportPreview.Refused(agencyId, FileTooLargeMessage);
        if (buffer.Length == 0) return ActivityImportPreview.Refused(agencyId, EmptyFileMessage);
        buffer.Position = 0;
        if (LooksLikeOldExcel(buffer)) return ActivityImportPreview.Refused(agencyId, OldExcelMessage);
        if (!LooksLikeZip(buffer)) return ActivityImportPreview.Refused(agencyId, NotXlsxMessage);

        ActivityValidationContext context;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            context = new ActivityValidationContext(await ActivityCatalogue.LoadAsync(db, time.Today(), planYear, ct), time.Today());
        }

        var preview = await OffTheCallersContextAsync(() =>
        {
            var package = CheckPackage(buffer, ct);
            if (package is not null) return ActivityImportPreview.Refused(agencyId, package);
            buffer.Position = 0;
            try
            {
                return ReadSheet(buffer, agencyId, context, _budgets, ct);
            }
            catch (ImportBudgetExceededException ex)
            {
                return ActivityImportPreview.Refused(agencyId, TooComplexMessage(ex.Message));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The zip and XML readers throw a variety of types for a damaged or foreign file, at opening or partway
                // through the rows: all mean the same to the user.
                return ActivityImportPreview.Refused(agencyId, NotXlsxMessage);
            }
        }, ct);
        var checkedPreview = await WithLockedPeriodsAsync(preview, ct);
        checkedPreview.PlanYear = context.Catalogue.PlanYear;
        return checkedPreview;
    }

    /// <summary>
    /// Unpacking and reading a workbook keeps a core busy for a while. A caller on a single-threaded context (a Blazor
    /// circuit, whose every event and render waits for it) gets the work on the thread pool; a caller already there, or
    /// on the heavy-job limiter's own threads (where the import page runs it), runs it in place, which also keeps the
    /// allocation tests' measure on the thread they watch and the pool free for requests.
    /// </summary>
    private static Task<T> OffTheCallersContextAsync<T>(Func<T> work, CancellationToken ct) =>
        SynchronizationContext.Current is null && (TaskScheduler.Current == TaskScheduler.Default || HeavyJobLimiter.OnItsThreads)
            ? Task.FromResult(work())
            : Task.Run(work, ct);

    /// <summary>Rows dated in a period whose report is in get the lock's reason, like any other bad cell.</summary>
    private async Task<ActivityImportPreview> WithLockedPeriodsAsync(ActivityImportPreview preview, CancellationToken ct)
    {
        if (preview.FileError is not null) return preview;
        await using var db = await factory.CreateDbContextAsync(ct);
        // Rows already refused (a date out of any range among them) need no second reason.
        var dates = preview.Rows.Where(r => r.Errors.Count == 0 && r.Input.StartDate is not null).Select(r => r.Input.StartDate!.Value);
        var reasons = await locks.ReasonsAsync(db, preview.AgencyId, dates, ct);
        var rows = preview.Rows.Select(r =>
            r.Errors.Count == 0 && r.Input.StartDate is { } date && reasons.TryGetValue(date, out var reason)
                ? r with { Errors = [.. r.Errors, reason + "."] }
                : r).ToList();
        // Only good rows are compared: a bad row is fixed and uploaded again, and is compared then.
        var good = rows.Where(r => r.IsValid).ToList();
        var flags = await ActivityDuplicates.FlagAsync(db, preview.AgencyId, [.. good.Select(r => (r.RowNumber, r.Input))], ct);
        var flagOf = good.Select((r, i) => (r.RowNumber, Flag: flags[i])).ToDictionary(f => f.RowNumber, f => f.Flag);
        return ActivityImportPreview.Read(preview.AgencyId,
            [.. rows.Select(r => flagOf.GetValueOrDefault(r.RowNumber) is { } flag ? r with { Duplicate = flag } : r)]);
    }

    /// <summary>
    /// Saves the rows of a preview in one transaction, after checking them again (the catalogue or the date may have
    /// changed since the preview). Rows that may repeat an activity already recorded or an earlier row
    /// (<see cref="ActivityDuplicates"/>, judged again now, so the same file imported twice adds nothing) are left out
    /// unless <paramref name="keepDuplicates"/>. Returns the number of activities recorded.
    /// </summary>
    /// <exception cref="BusinessRuleException">The preview has a file error, no rows or a bad row; nothing is saved.</exception>
    /// <exception cref="ValidationException">A row no longer passes the rules; nothing is saved.</exception>
    /// <exception cref="AccessDeniedException">The caller is not the officer of the preview's agency.</exception>
    /// <exception cref="BusinessRuleException">A row is dated in a period whose report is in; nothing is saved.</exception>
    public async Task<int> CommitAsync(CurrentUser user, ActivityImportPreview preview, CancellationToken ct = default) =>
        await CommitAsync(user, preview, keepDuplicates: false, ct);

    /// <inheritdoc cref="CommitAsync(CurrentUser, ActivityImportPreview, CancellationToken)"/>
    public async Task<int> CommitAsync(CurrentUser user, ActivityImportPreview preview, bool keepDuplicates, CancellationToken ct = default)
    {
        var agencyId = ActivityService.WritableAgency(user, preview.AgencyId);
        if (!preview.CanImport)
            throw new BusinessRuleException("Tệp còn lỗi hoặc không có dòng nào nên chưa nhập dữ liệu. Hãy sửa các dòng lỗi rồi tải lên lại.");

        await using var db = await factory.CreateForAsync(user, time, ct);
        var validator = new ActivityInputValidator(new ActivityValidationContext(
            await ActivityCatalogue.LoadAsync(db, time.Today(), preview.PlanYear, ct), time.Today()));
        var inputs = new List<ActivityInput>(preview.Rows.Count);
        var failures = new List<ValidationFailure>();
        foreach (var row in preview.Rows)
        {
            var input = row.Input.Clone();
            input.AgencyId = agencyId;
            var result = validator.Validate(input);
            failures.AddRange(result.Errors.Select(e => new ValidationFailure(e.PropertyName, $"Dòng {row.RowNumber}: {e.ErrorMessage}")));
            inputs.Add(input);
        }
        if (failures.Count > 0) throw new ValidationException(failures);
        // Checked again here: the report may have been sent since the preview.
        var locked = await locks.ReasonsAsync(db, agencyId, inputs.Select(i => i.StartDate!.Value), ct);
        if (locked.Count > 0)
        {
            var first = preview.Rows.First(r => locked.ContainsKey(r.Input.StartDate!.Value));
            throw new BusinessRuleException($"Chưa nhập dữ liệu nào. Dòng {first.RowNumber}: {locked[first.Input.StartDate!.Value]}.");
        }

        if (!keepDuplicates)
        {
            var flags = await ActivityDuplicates.FlagAsync(db, agencyId, [.. preview.Rows.Select((r, i) => (r.RowNumber, inputs[i]))], ct);
            inputs = [.. inputs.Where((_, i) => flags[i] is null)];
        }

        var objectives = await db.Objectives.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        var themes = await db.Themes.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        var activities = inputs.Select(input =>
        {
            var entity = new Activity { Title = "" };
            ActivityService.Apply(entity, input, objectives, themes);
            return entity;
        }).ToList();
        // The write path's bulk mode: the same stamps, history and figures as the form's save, without the change
        // tracker's cost per entity; all rows in one transaction, or none.
        await WritePipeline.InsertManyAsync(db, activities, ct);
        var count = activities.Count;
        if (count > 0) notifier.NotifyChanged(new DataChange(ActivityService.ChangeKind, agencyId));
        _logger.LogInformation("User {UserName} imported {Count} activities into agency {AgencyId}, leaving out {Duplicates} possible duplicates.",
            user.UserName, count, agencyId, preview.Rows.Count - count);
        return count;
    }

    private static ActivityImportPreview ReadSheet(Stream package, int agencyId, ActivityValidationContext context, ImportBudgets budgets,
        CancellationToken ct)
    {
        var sheetKey = TextFolding.Fold(ActivitySheet.SheetName);
        using var sheet = SheetReader.Open(package, name => TextFolding.Fold(name) == sheetKey, budgets, ct);
        if (sheet is null) return ActivityImportPreview.Refused(agencyId, NoSheetMessage);

        Dictionary<string, int>? columns = null;
        HashSet<int> wanted = [];
        RowReader? reader = null;
        var validator = new ActivityInputValidator(context);
        var rows = new List<ActivityImportRow>();
        // Only rows present in the file: a hostile sheet with one cell in row 1,048,576 must not walk a million empty rows.
        foreach (var (rowNumber, cells) in sheet.Rows(wanted.Contains))
        {
            ct.ThrowIfCancellationRequested();
            if (columns is null)
            {
                // The header is row 1, the first row of the file; a sheet starting lower has no header.
                columns = rowNumber == 1 ? ReadHeader(cells) : [];
                var missing = ActivitySheet.Headers.Where(h => !columns.ContainsKey(h)).ToList();
                if (missing.Count > 0) return ActivityImportPreview.Refused(agencyId, MissingColumnsMessage(missing));
                wanted.UnionWith(columns.Values);
                reader = new RowReader(context, columns);
                if (rowNumber == 1) continue;
            }
            if (rowNumber < 2) continue;
            if (columns.Values.All(c => string.IsNullOrWhiteSpace(SafeText(cells.GetValueOrDefault(c))))) continue;
            if (rows.Count == MaxRows) return ActivityImportPreview.Refused(agencyId, TooManyRowsMessage);

            var (input, parseErrors) = reader!.Read(cells);
            input.AgencyId = agencyId;
            // A cell that could not be read already has its reason; the validator would only add "missing" to it.
            var errors = parseErrors.Select(e => (Property: e.Key, Message: e.Value))
                .Concat(validator.Validate(input).Errors
                    .Where(e => !parseErrors.ContainsKey(e.PropertyName))
                    .Select(e => (Property: e.PropertyName, Message: e.ErrorMessage)))
                .OrderBy(e => RowReader.OrderOf(e.Property))
                .Select(e => e.Message)
                .ToList();
            rows.Add(new ActivityImportRow(rowNumber, input, errors));
        }
        if (columns is null)
            return ActivityImportPreview.Refused(agencyId, MissingColumnsMessage(ActivitySheet.Headers));
        return rows.Count == 0 ? ActivityImportPreview.Refused(agencyId, NoRowsMessage) : ActivityImportPreview.Read(agencyId, rows);
    }

    /// <summary>Header text (folded) → column number, from row 1's cells; the leftmost wins when a header repeats.</summary>
    private static Dictionary<string, int> ReadHeader(Dictionary<int, object?> cells)
    {
        var wanted = ActivitySheet.Headers.Concat(ActivitySheet.OptionalHeaders).ToDictionary(TextFolding.Fold);
        var columns = new Dictionary<string, int>();
        foreach (var (column, value) in cells.Where(c => c.Key > 0).OrderBy(c => c.Key))
        {
            if (wanted.TryGetValue(TextFolding.Fold(SafeText(value)), out var header)) columns.TryAdd(header, column);
        }
        return columns;
    }

    internal static async Task<bool> CopyUpToAsync(Stream source, Stream target, long limit, CancellationToken ct)
    {
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(chunk, ct)) > 0)
        {
            total += read;
            if (total > limit) return false;
            await target.WriteAsync(chunk.AsMemory(0, read), ct);
        }
        return true;
    }

    /// <summary>
    /// Unpacks every part once, counting the bytes actually produced (declared sizes in a hostile zip can lie), and
    /// stops at <see cref="MaxUnpackedBytes"/>. Returns the refusal, or null when the package may be opened.
    /// </summary>
    internal static string? CheckPackage(MemoryStream buffer, CancellationToken ct)
    {
        buffer.Position = 0;
        try
        {
            using var zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxPackageEntries) return UnpackedTooLargeMessage;
            var chunk = new byte[81920];
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                ct.ThrowIfCancellationRequested();
                if (entry.Length > MaxUnpackedBytes || total + entry.Length > MaxUnpackedBytes) return UnpackedTooLargeMessage;
                using var part = entry.Open();
                int read;
                while ((read = part.Read(chunk, 0, chunk.Length)) > 0)
                {
                    total += read;
                    if (total > MaxUnpackedBytes) return UnpackedTooLargeMessage;
                }
            }
            return null;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            // A truncated or damaged archive, an unknown compression method, a bad name: not a workbook.
            return NotXlsxMessage;
        }
    }

    internal static bool LooksLikeZip(MemoryStream s) => StartsWith(s, [0x50, 0x4B, 0x03, 0x04]);

    internal static bool LooksLikeOldExcel(MemoryStream s) => StartsWith(s, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);

    private static bool StartsWith(MemoryStream s, byte[] signature) =>
        s.Length >= signature.Length && s.GetBuffer().AsSpan(0, signature.Length).SequenceEqual(signature);

    /// <summary>A cell's value as text, the way the messages quote it; an unreadable cell reads "#?".</summary>
    private static string SafeText(object? value) => value switch
    {
        string text => text,
        DateTime date => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        double number => number.ToString(CultureInfo.InvariantCulture),
        null => "",
        _ when value == SheetReader.Unreadable => "#?",
        var other => other.ToString() ?? "",
    };

    /// <summary>Turns one sheet row into an <see cref="ActivityInput"/> plus reasons for cells that could not be read.</summary>
    private sealed partial class RowReader(ActivityValidationContext context, Dictionary<string, int> columns)
    {
        /// <summary>Order of the row's messages: the sheet's column order.</summary>
        public static readonly string[] PropertyOrder =
        [
            nameof(ActivityInput.AgencyId), nameof(ActivityInput.ChannelId), nameof(ActivityInput.Title), nameof(ActivityInput.Description),
            nameof(ActivityInput.StartDate), nameof(ActivityInput.EndDate), nameof(ActivityInput.Quantity), nameof(ActivityInput.SecondMeasure),
            nameof(ActivityInput.ObjectiveIds), nameof(ActivityInput.ThemeIds), nameof(ActivityInput.DistrictId), nameof(ActivityInput.EvidenceUrl),
            nameof(ActivityInput.Cost), nameof(ActivityInput.FundingSource), nameof(ActivityInput.Notes),
        ];

        public static int OrderOf(string property)
        {
            var i = Array.IndexOf(PropertyOrder, property);
            return i < 0 ? PropertyOrder.Length : i;
        }

        private readonly ActivityCatalogue _catalogue = context.Catalogue;
        // The spellings the API accepts too: one rule for how a code names the catalogue.
        private readonly ActivityCodes _codes = new(context.Catalogue);

        public (ActivityInput Input, Dictionary<string, string> Errors) Read(Dictionary<int, object?> row)
        {
            var errors = new Dictionary<string, string>();
            var input = new ActivityInput
            {
                ChannelId = Lookup(Text(row, ActivitySheet.Channel), _codes.Channel, nameof(ActivityInput.ChannelId), errors,
                    v => $"{L.Channel} «{v}» không có trong danh mục (xem trang «{ActivitySheet.ReferenceSheetName}»).")?.Id,
                Title = Text(row, ActivitySheet.Title),
                Description = Text(row, ActivitySheet.Description),
                StartDate = Date(row, ActivitySheet.StartDate, L.StartDate, nameof(ActivityInput.StartDate), errors),
                EndDate = Date(row, ActivitySheet.EndDate, L.EndDate, nameof(ActivityInput.EndDate), errors),
                Quantity = Number(row, ActivitySheet.Quantity, L.Quantity, nameof(ActivityInput.Quantity), errors),
                SecondMeasure = Number(row, ActivitySheet.SecondMeasure, L.SecondMeasure, nameof(ActivityInput.SecondMeasure), errors),
                ObjectiveIds = Codes(row, ActivitySheet.Objectives, L.Objectives, _codes.Objective, _catalogue.Objectives,
                    nameof(ActivityInput.ObjectiveIds), errors),
                ThemeIds = Codes(row, ActivitySheet.Themes, L.Themes, _codes.Theme, _catalogue.Themes, nameof(ActivityInput.ThemeIds), errors),
                DistrictId = Lookup(Text(row, ActivitySheet.District), _codes.District, nameof(ActivityInput.DistrictId), errors,
                    v => $"{L.District} «{v}» không có trong danh mục (xem trang «{ActivitySheet.ReferenceSheetName}»).")?.Id,
                EvidenceUrl = Text(row, ActivitySheet.Evidence),
                Cost = Number(row, ActivitySheet.Cost, L.Cost, nameof(ActivityInput.Cost), errors),
                FundingSource = Text(row, ActivitySheet.FundingSource),
                Notes = Text(row, ActivitySheet.Notes),
            };
            return (input, errors);
        }

        /// <summary>The cell under <paramref name="header"/>: absent (no such column) or its value, null when empty.</summary>
        private bool Cell(Dictionary<int, object?> row, string header, out object? value)
        {
            value = null;
            if (!columns.TryGetValue(header, out var column)) return false;
            value = row.GetValueOrDefault(column);
            return true;
        }

        private string? Text(Dictionary<int, object?> row, string header)
        {
            if (!Cell(row, header, out var cell)) return null;
            var text = SafeText(cell).Trim();
            return text.Length == 0 ? null : text;
        }

        private DateOnly? Date(Dictionary<int, object?> row, string header, string label, string property, Dictionary<string, string> errors)
        {
            if (!Cell(row, header, out var value)) return null;
            switch (value)
            {
                case DateTime dt:
                    return DateOnly.FromDateTime(dt);
                case double serial when serial >= 1 && serial < 2_958_466:
                    // A date stored as a plain serial number (a cell formatted "General").
                    return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
                case string s when string.IsNullOrWhiteSpace(s):
                    return null;
                case string s when DateOnly.TryParseExact(s.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d):
                    return d;
                case null:
                    return null;
            }
            errors[property] = $"{label} «{SafeText(value).Trim()}» không phải là ngày (ghi theo dạng dd/mm/yyyy).";
            return null;
        }

        private decimal? Number(Dictionary<int, object?> row, string header, string label, string property, Dictionary<string, string> errors)
        {
            if (!Cell(row, header, out var value)) return null;
            switch (value)
            {
                case double d when double.IsFinite(d) && Math.Abs(d) < 1e15:
                    return (decimal)d;
                case string s when string.IsNullOrWhiteSpace(s):
                    return null;
                case string s when TryParseVietnamese(s, out var n):
                    return n;
                case null:
                    return null;
            }
            errors[property] = $"{label} «{SafeText(value).Trim()}» không phải là số (ví dụ 1.234 hoặc 1234).";
            return null;
        }

        /// <summary>
        /// vi-VN numbers: "." groups thousands, "," marks decimals. Groups must be of three digits, so "1.5" is refused
        /// rather than silently read as fifteen.
        /// </summary>
        private static bool TryParseVietnamese(string text, out decimal value)
        {
            var compact = text.Trim().Replace(" ", "").Replace("\u00A0", "");
            if (VietnameseNumber().IsMatch(compact))
                return decimal.TryParse(compact, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint,
                    Vi, out value);
            value = 0;
            return false;
        }

        [GeneratedRegex(@"^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")]
        private static partial Regex VietnameseNumber();

        private static T? Lookup<T>(string? text, Func<string, T?> find, string property, Dictionary<string, string> errors,
            Func<string, string> unknown) where T : class
        {
            if (text is null) return null;
            if (find(text) is { } found) return found;
            errors[property] = unknown(text);
            return null;
        }

        private IReadOnlyCollection<int> Codes(Dictionary<int, object?> row, string header, string label, Func<string, CatalogueOption?> find,
            IReadOnlyList<CatalogueOption> all, string property, Dictionary<string, string> errors)
        {
            var text = Text(row, header);
            if (text is null) return [];
            var ids = new List<int>();
            var unknown = new List<string>();
            foreach (var part in text.Split([';', ',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (find(part) is { } option) { if (!ids.Contains(option.Id)) ids.Add(option.Id); }
                else unknown.Add(part);
            }
            if (unknown.Count > 0)
            {
                var allowed = string.Join(", ", all.Select(o => o.DisplayCode));
                errors[property] = $"{label}: không có mã {string.Join(", ", unknown.Select(u => $"«{u}»"))} (dùng {allowed}, cách nhau bằng dấu ;).";
            }
            return ids;
        }
    }
}
