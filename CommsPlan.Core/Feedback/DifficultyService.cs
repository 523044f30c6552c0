using System.Linq.Expressions;
using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Mail;
using CommsPlan.Core.Plans;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Feedback;

/// <summary>
/// Difficulties (Khó khăn, vướng mắc): an agency's officer raises one for its agency (or the Office on its behalf); the
/// Office (a monitor) answers it, which closes it. Officers read their own agency's; monitors, leadership and administrators read all.
/// </summary>
public sealed class DifficultyService(
    IDbContextFactory<CommsPlanDbContext> factory,
    TimeProvider time,
    IValidator<DifficultyInput> validator,
    IValidator<DifficultyAnswerInput> answerValidator,
    IDataChangeNotifier notifier) : FeedbackService<Difficulty, DifficultyRow>(factory, time, notifier, ChangeKind)
{
    /// <summary>The <see cref="DataChange.Kind"/> published after a difficulty is raised or answered.</summary>
    public const string ChangeKind = "Difficulty";

    protected override Expression<Func<Difficulty, DifficultyRow>> ToRow(CommsPlanDbContext db) => DifficultyRow.Projection(db.Users);

    /// <summary>A page of the difficulties the caller may read that match <paramref name="filter"/>: open ones first, then newest.</summary>
    public async Task<PageOf<DifficultyRow>> ListAsync(
        CurrentUser user, DifficultyFilter filter, int skip = 0, int take = 50, CancellationToken ct = default)
    {
        await using var db = await Factory.CreateDbContextAsync(ct);
        var query = Scoped(db, user);
        if (filter.AgencyId is { } agencyId) query = query.Where(d => d.AgencyId == agencyId);
        if (filter.Status is { } status) query = query.Where(d => d.Status == status);
        if (filter.PlanYear is { } year && await PlanChoice.FindAsync(db, year, Time.Today(), ct) is { } plan)
            query = query.Where(d => d.RaisedOn >= plan.Start && d.RaisedOn <= plan.End);
        if (filter.From is { } from) query = query.Where(d => d.RaisedOn >= from);
        if (filter.To is { } to) query = query.Where(d => d.RaisedOn <= to);
        query = query.WhereMatches(d => d.SearchKey, filter.Text);

        return await PageAsync(db, query, matching => matching
            .OrderBy(d => d.Status == DifficultyStatus.Open ? 0 : 1).ThenByDescending(d => d.RaisedOn), skip, take, ct);
    }

    /// <summary>
    /// An officer raises a difficulty for its own agency, or the Office's monitor on behalf of an agency that sent it on
    /// paper or by email (the write path marks it so); dated today and open.
    /// </summary>
    public async Task<DifficultyRow> RaiseAsync(CurrentUser user, DifficultyInput input, CancellationToken ct = default)
    {
        await using var db = await Factory.CreateForAsync(user, Time, ct);
        await EnsureWritableAsync(db, user, input.AgencyId, onBehalf: true, "Đơn vị đã ngừng hoạt động, không thể gửi khó khăn, vướng mắc.", ct);
        await validator.ValidateAndThrowAsync(input, ct);

        var difficulty = new Difficulty
        {
            AgencyId = input.AgencyId!.Value,
            Title = input.Title.Trim(),
            Content = input.Content.Trim(),
            RaisedOn = Time.Today(),
            Status = DifficultyStatus.Open,
        };
        return await AddAsync(db, user, difficulty, ct);
    }

    /// <summary>
    /// The Office answers (or corrects its answer to) a difficulty: status Answered, dated today, signed by the
    /// monitor. Anyone else who may read it gets <see cref="AccessDeniedException"/>; a stale version a conflict.
    /// </summary>
    public async Task<DifficultyRow> AnswerAsync(CurrentUser user, int id, DifficultyAnswerInput input, CancellationToken ct = default)
    {
        await using var db = await Factory.CreateForAsync(user, Time, ct);
        var difficulty = await LoadForWriteAsync(db, user, id, input.Version, _ => user.IsMonitor,
            "Chỉ Văn phòng UBND tỉnh (tài khoản giám sát) được trả lời khó khăn, vướng mắc.", ct);
        await answerValidator.ValidateAndThrowAsync(input, ct);

        difficulty.Answer = input.Answer.Trim();
        difficulty.AnsweredOn = Time.Today();
        difficulty.AnsweredBy = user.UserName;
        difficulty.Status = DifficultyStatus.Answered;
        // The raiser's agency hears of the answer by mail, saved with the answer or not at all.
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == difficulty.AgencyId).Select(a => new { a.Code, a.Name }).SingleAsync(ct);
        var now = Time.GetUtcNow();
        var recipients = await MailRecipients.ForAgenciesAsync(db, [difficulty.AgencyId], MailKind.DifficultyAnswered, now, ct);
        // The version answered names this answer: a corrected answer is told again.
        await AgencyMail.EnqueueAsync(db, MailKind.DifficultyAnswered, $"answered:{difficulty.Id}:v{input.Version}", recipients[difficulty.AgencyId],
            difficulty.AgencyId, $"Văn phòng UBND tỉnh đã trả lời khó khăn, vướng mắc: {Shorten(difficulty.Title)}",
            AnsweredBody(agency.Name, difficulty), now.UtcDateTime, user.UserName, ct);
        return await SaveChangedAsync(db, user, difficulty, ct);
    }

    /// <summary>The answer notice: the difficulty as raised and the Office's answer word for word.</summary>
    public static string AnsweredBody(string agencyName, Difficulty difficulty)
    {
        ArgumentNullException.ThrowIfNull(difficulty);
        return $"Kính gửi: {agencyName}\n\n"
            + $"Ngày {difficulty.AnsweredOn?.ToOfficialString()}, Văn phòng UBND tỉnh đã trả lời khó khăn, vướng mắc "
            + $"đơn vị nêu ngày {difficulty.RaisedOn.ToOfficialString()}:\n\n"
            + $"{difficulty.Title}\n{difficulty.Content}\n\n"
            + $"Trả lời của Văn phòng UBND tỉnh:\n{difficulty.Answer}\n\n"
            + "Văn phòng UBND tỉnh Thái Nguyên\n" + AgencyMail.OptOutFooter;
    }

    // A subject line stays short enough for every mail client's list.
    private static string Shorten(string title) => title.Length <= 120 ? title : title[..119] + "…";
}
