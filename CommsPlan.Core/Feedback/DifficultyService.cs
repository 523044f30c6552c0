using System.Linq.Expressions;
using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Feedback;

/// <summary>
/// Difficulties (Khó khăn, vướng mắc): an agency's officer raises one for its agency; the Office (a monitor)
/// answers it, which closes it. Officers read their own agency's; monitors, leadership and administrators read all.
/// </summary>
public sealed class DifficultyService(
    IDbContextFactory<CommsPlanDbContext> factory,
    TimeProvider time,
    IValidator<DifficultyInput> validator,
    IValidator<DifficultyAnswerInput> answerValidator,
    IDataChangeNotifier notifier)
{
    /// <summary>The <see cref="DataChange.Kind"/> published after a difficulty is raised or answered.</summary>
    public const string ChangeKind = "Difficulty";

    private static readonly Expression<Func<Difficulty, DifficultyRow>> ToRow = d => new DifficultyRow
    {
        Id = d.Id,
        AgencyId = d.AgencyId,
        AgencyName = d.Agency!.Name,
        Title = d.Title,
        Content = d.Content,
        RaisedOn = d.RaisedOn,
        RaisedBy = d.CreatedBy,
        Status = d.Status,
        Answer = d.Answer,
        AnsweredOn = d.AnsweredOn,
        AnsweredBy = d.AnsweredBy,
        Version = d.Version,
    };

    /// <summary>A page of the difficulties the caller may read that match <paramref name="filter"/>: open ones first, then newest.</summary>
    public async Task<PageOf<DifficultyRow>> ListAsync(
        CurrentUser user, DifficultyFilter filter, int skip = 0, int take = 50, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = Scoped(db, user);
        if (filter.AgencyId is { } agencyId) query = query.Where(d => d.AgencyId == agencyId);
        if (filter.Status is { } status) query = query.Where(d => d.Status == status);
        if (filter.From is { } from) query = query.Where(d => d.RaisedOn >= from);
        if (filter.To is { } to) query = query.Where(d => d.RaisedOn <= to);
        query = query.WhereMatches(d => d.SearchKey, filter.Text);

        var total = await query.CountAsync(ct);
        var items = await query
            .OrderBy(d => d.Status == DifficultyStatus.Open ? 0 : 1).ThenByDescending(d => d.RaisedOn).ThenByDescending(d => d.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, FeedbackLimits.MaxPageSize))
            .Select(ToRow).ToListAsync(ct);
        return new PageOf<DifficultyRow>(items, total);
    }

    /// <summary>The agencies the caller may filter by: every active agency for readers of all, an officer's own otherwise.</summary>
    public async Task<IReadOnlyList<AgencyChoice>> ListAgenciesAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await AgencyChoices.ListAsync(db, user, ct);
    }

    /// <summary>A difficulty by id; <see cref="NotFoundException"/> when missing or not the caller's to read.</summary>
    public async Task<DifficultyRow> GetAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Scoped(db, user).Where(d => d.Id == id).Select(ToRow).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
    }

    /// <summary>An officer raises a difficulty for its own agency, dated today and open.</summary>
    public async Task<DifficultyRow> RaiseAsync(CurrentUser user, DifficultyInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateForAsync(user, time, ct);
        if (input.AgencyId is { } agencyId)
        {
            var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId)
                .Select(a => new { a.IsActive }).FirstOrDefaultAsync(ct);
            if (agency is null || !user.CanRead(agencyId)) throw new NotFoundException();
            if (!user.CanWrite(agencyId)) throw new AccessDeniedException();
            if (!agency.IsActive) throw new BusinessRuleException("Đơn vị đã ngừng hoạt động, không thể gửi khó khăn, vướng mắc.");
        }
        else if (!user.IsOfficer)
        {
            throw new AccessDeniedException();
        }
        await validator.ValidateAndThrowAsync(input, ct);

        var difficulty = new Difficulty
        {
            AgencyId = input.AgencyId!.Value,
            Title = input.Title.Trim(),
            Content = input.Content.Trim(),
            RaisedOn = time.Today(),
            Status = DifficultyStatus.Open,
        };
        db.Difficulties.Add(difficulty);
        await db.SaveChangesAsync(ct);
        notifier.NotifyChanged(new DataChange(ChangeKind, difficulty.AgencyId));
        return await GetAsync(user, difficulty.Id, ct);
    }

    /// <summary>
    /// The Office answers (or corrects its answer to) a difficulty: status Answered, dated today, signed by the
    /// monitor. Anyone else who may read it gets <see cref="AccessDeniedException"/>; a stale version a conflict.
    /// </summary>
    public async Task<DifficultyRow> AnswerAsync(CurrentUser user, int id, DifficultyAnswerInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateForAsync(user, time, ct);
        var difficulty = await db.Difficulties.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (difficulty is null || !user.CanRead(difficulty.AgencyId)) throw new NotFoundException();
        if (!user.IsMonitor) throw new AccessDeniedException("Chỉ Văn phòng UBND tỉnh (tài khoản giám sát) được trả lời khó khăn, vướng mắc.");
        if (difficulty.Version != input.Version) throw new ConcurrencyConflictException(difficulty.UpdatedBy, difficulty.UpdatedAt);
        await answerValidator.ValidateAndThrowAsync(input, ct);

        difficulty.Answer = input.Answer.Trim();
        difficulty.AnsweredOn = time.Today();
        difficulty.AnsweredBy = user.UserName;
        difficulty.Status = DifficultyStatus.Answered;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await factory.CreateDbContextAsync(ct);
            var current = await fresh.Difficulties.AsNoTracking().Where(d => d.Id == id)
                .Select(d => new { d.UpdatedBy, d.UpdatedAt }).FirstOrDefaultAsync(ct);
            throw new ConcurrencyConflictException(current?.UpdatedBy, current?.UpdatedAt);
        }
        notifier.NotifyChanged(new DataChange(ChangeKind, difficulty.AgencyId));
        return await GetAsync(user, id, ct);
    }

    private static IQueryable<Difficulty> Scoped(CommsPlanDbContext db, CurrentUser user)
    {
        var query = db.Difficulties.AsNoTracking();
        if (user.CanReadAllAgencies) return query;
        var own = user.IsOfficer ? user.AgencyId!.Value : -1;
        return query.Where(d => d.AgencyId == own);
    }
}
