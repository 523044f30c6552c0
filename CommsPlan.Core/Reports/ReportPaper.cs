using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Reports;

/// <summary>The plan a report answers to, as its title names it: "Kế hoạch số 20/KH-UBND ngày 04/02/2021 của UBND tỉnh".</summary>
public sealed record PlanReference(int Id, string Number, DateOnly IssuedOn, string Title, string Issuer)
{
    /// <summary>"Kế hoạch số 20/KH-UBND ngày 04/02/2021 của UBND tỉnh Thái Nguyên".</summary>
    public string Citation => $"Kế hoạch số {Number} ngày {IssuedOn.ToOfficialString()} của {IssuerShort}";

    /// <summary>"UBND tỉnh Thái Nguyên" for "Ủy ban nhân dân tỉnh Thái Nguyên": how documents cite the issuer.</summary>
    public string IssuerShort => Issuer.StartsWith("Ủy ban nhân dân ", StringComparison.OrdinalIgnoreCase)
        ? "UBND " + Issuer["Ủy ban nhân dân ".Length..] : Issuer;

    /// <summary>The plan's subject without "Kế hoạch": "truyền thông hỗ trợ hoạt động kiểm soát …".</summary>
    public string Subject => Title.StartsWith("Kế hoạch ", StringComparison.OrdinalIgnoreCase) ? Title["Kế hoạch ".Length..] : Title;

    /// <summary>The plan <paramref name="planId"/>, as a report cites it; null when there is no such plan.</summary>
    public static Task<PlanReference?> ForPlanAsync(CommsPlanDbContext db, int planId, CancellationToken ct) =>
        db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new PlanReference(p.Id, p.Number, p.IssuedOn, p.Title, p.Issuer))
            .FirstOrDefaultAsync(ct);

    /// <summary>The issued plan whose year holds <paramref name="to"/> (the latest issued one when none does).</summary>
    public static async Task<PlanReference?> ForPeriodAsync(CommsPlanDbContext db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var plans = await db.Plans.AsNoTracking().Where(p => p.IsIssued).OrderByDescending(p => p.Year)
            .Select(p => new { p.Id, p.Number, p.IssuedOn, p.Title, p.Issuer, p.PeriodStart, p.PeriodEnd }).ToListAsync(ct);
        var plan = plans.FirstOrDefault(p => p.PeriodStart <= to && p.PeriodEnd >= to)
            ?? plans.FirstOrDefault(p => p.PeriodStart <= to && p.PeriodEnd >= from)
            ?? plans.FirstOrDefault();
        return plan is null ? null : new PlanReference(plan.Id, plan.Number, plan.IssuedOn, plan.Title, plan.Issuer);
    }
}

/// <summary>Who issues and signs a report, who prepared it, and who receives it (Nơi nhận).</summary>
public static class ReportRecipients
{
    /// <summary>
    /// The Office reports to the Provincial People's Committee and keeps a copy for its KSTT division; an agency reports to
    /// the Office. "Lưu: VT" is the issuer's archive (văn thư), as every Decree 30 document ends.
    /// </summary>
    public static IReadOnlyList<string> For(IssuingBody issuer, bool issuedByOffice)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return issuedByOffice
            ? ["UBND tỉnh (b/c);", "Lãnh đạo VP UBND tỉnh;", "Lưu: VT, KSTT."]
            : ["Văn phòng UBND tỉnh (b/c);", "Lưu: VT."];
    }
}
