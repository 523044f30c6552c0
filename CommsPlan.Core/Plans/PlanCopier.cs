using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Plans;

/// <summary>
/// Next year's plan starts as a copy of the latest one (Tạo kế hoạch năm mới): the same objectives, requirements,
/// themes, form groups with their channels, and assignments with their deadlines and bound agency kinds, dated a year
/// later, as a draft the Office then edits. The one path the plans page and the demo both use.
/// </summary>
public static class PlanCopier
{
    /// <summary>The number a copy carries until the Office enters the issued plan's own; a draft with it cannot be issued.</summary>
    public static string PlaceholderNumber(int year) => $"…/KH-UBND (dự thảo {year})";

    public static bool IsPlaceholderNumber(string number) => number.StartsWith("…/", StringComparison.Ordinal);

    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>Copies the latest plan (by year) into a draft for the year after it, and saves it.</summary>
    /// <exception cref="BusinessRuleException">No plan exists, or the next year already has one.</exception>
    public static async Task<Plan> CreateNextYearAsync(CommsPlanDbContext db, CancellationToken ct = default)
    {
        var latest = await db.Plans.AsNoTracking().MaxAsync(p => (int?)p.Year, ct)
            ?? throw new BusinessRuleException("Chưa có kế hoạch nào để sao chép.");
        return await CreateAsync(db, latest + 1, ct);
    }

    /// <summary>
    /// The year <see cref="CreateAsync"/> offers: the current calendar year when it has no plan yet and is later than
    /// every plan (a deployment started years after its last plan), else the year after the latest plan.
    /// </summary>
    public static async Task<int?> SuggestYearAsync(CommsPlanDbContext db, DateOnly today, CancellationToken ct = default)
    {
        var latest = await db.Plans.AsNoTracking().MaxAsync(p => (int?)p.Year, ct);
        if (latest is null) return null;
        return today.Year > latest ? today.Year : latest + 1;
    }

    /// <summary>
    /// Copies the latest plan before <paramref name="year"/> (or, for a year before every plan, the earliest one) into a
    /// draft for <paramref name="year"/>, dates shifted by the years between, and saves it in <paramref name="db"/>.
    /// </summary>
    /// <exception cref="BusinessRuleException">No plan exists, the year has a plan already, or the copy's period overlaps another plan.</exception>
    public static async Task<Plan> CreateAsync(CommsPlanDbContext db, int year, CancellationToken ct = default)
    {
        if (year is < FirstYear or > LastYear) throw new BusinessRuleException($"Năm kế hoạch phải từ {FirstYear} đến {LastYear}.");
        // Checked first for a clear message; the unique index on the year refuses a concurrent second copy.
        if (await db.Plans.AnyAsync(p => p.Year == year, ct))
            throw new BusinessRuleException($"Đã có kế hoạch năm {year}; mỗi năm chỉ có một kế hoạch.");
        var sourceId = await db.Plans.AsNoTracking().Where(p => p.Year < year).OrderByDescending(p => p.Year).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct)
            ?? await db.Plans.AsNoTracking().OrderBy(p => p.Year).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct)
            ?? throw new BusinessRuleException("Chưa có kế hoạch nào để sao chép.");
        var source = await LoadAsync(db, sourceId, ct);
        var copy = Copy(source, year);
        var overlap = await db.Plans.AsNoTracking().Where(p => p.PeriodStart <= copy.PeriodEnd && p.PeriodEnd >= copy.PeriodStart)
            .Select(p => p.Number).FirstOrDefaultAsync(ct);
        if (overlap is not null)
            throw new BusinessRuleException($"Thời gian thực hiện của bản sao trùng với Kế hoạch số {overlap}.");
        db.Plans.Add(copy);
        await db.SaveChangesAsync(ct);
        return copy;
    }

    /// <summary>A new, unsaved draft of <paramref name="source"/> for <paramref name="year"/>: every item new, dates shifted by the years between.</summary>
    public static Plan Copy(Plan source, int year)
    {
        var shift = year - source.Year;
        return new Plan
        {
            Number = PlaceholderNumber(year),
            Title = ShiftYear(source.Title, source.Year, year),
            IssuedOn = source.IssuedOn.AddYears(shift),
            Issuer = source.Issuer,
            IssuePlace = source.IssuePlace,
            SignerTitle = source.SignerTitle,
            Signer = source.Signer,
            Year = year,
            IsIssued = false,
            PeriodStart = source.PeriodStart.AddYears(shift),
            PeriodEnd = source.PeriodEnd.AddYears(shift),
            Preamble = ShiftYear(source.Preamble, source.Year, year),
            FundingText = source.FundingText,
            FeedbackText = source.FeedbackText,
            Objectives = [.. source.Objectives.OrderBy(i => i.SortOrder).Select(CopyItem<Objective>)],
            Requirements = [.. source.Requirements.OrderBy(i => i.SortOrder).Select(CopyItem<Requirement>)],
            Themes = [.. source.Themes.OrderBy(i => i.SortOrder).Select(CopyItem<ContentTheme>)],
            FormGroups = [.. source.FormGroups.OrderBy(g => g.SortOrder).Select(g =>
            {
                var group = CopyItem<FormGroup>(g);
                group.Channels = [.. g.Channels.OrderBy(c => c.SortOrder).Select(c => new Channel
                {
                    Code = c.Code,
                    Name = c.Name,
                    Unit = c.Unit,
                    SecondMeasureLabel = c.SecondMeasureLabel,
                    SecondMeasureUnit = c.SecondMeasureUnit,
                    IsActive = c.IsActive,
                    SortOrder = c.SortOrder,
                })];
                return group;
            })],
            Assignments = [.. source.Assignments.OrderBy(a => a.SortOrder).Select(a =>
            {
                var assignment = CopyItem<Assignment>(a);
                assignment.Binds = a.Binds;
                assignment.Deadline = a.Deadline?.AddYears(shift);
                assignment.IsUnitPlanAssignment = a.IsUnitPlanAssignment;
                return assignment;
            })],
        };
    }

    /// <summary>A plan with its whole catalogue, tracked.</summary>
    internal static async Task<Plan> LoadAsync(CommsPlanDbContext db, int planId, CancellationToken ct) =>
        await db.Plans
            .Include(p => p.Objectives).Include(p => p.Requirements).Include(p => p.Themes)
            .Include(p => p.FormGroups).ThenInclude(g => g.Channels).Include(p => p.Assignments)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == planId, ct)
        ?? throw new NotFoundException();

    private static T CopyItem<T>(PlanItem item) where T : PlanItem, new() => new()
    {
        Code = item.Code,
        DisplayCode = item.DisplayCode,
        ShortName = item.ShortName,
        Text = item.Text,
        SortOrder = item.SortOrder,
    };

    /// <summary>"… năm 2021" becomes "… năm 2022": the plan's title and preamble name their year.</summary>
    private static string ShiftYear(string text, int from, int to) =>
        text.Replace($"năm {from}", $"năm {to}", StringComparison.Ordinal);
}
