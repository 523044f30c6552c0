using System.Linq.Expressions;
using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Feedback;

/// <summary>
/// Commendations (Biểu dương, NV4/NV11/ND4): an agency's officer records, edits and deletes its own; monitors,
/// leadership and administrators read every agency's. Another agency's record is "not found" to an officer.
/// </summary>
public sealed class CommendationService(
    IDbContextFactory<CommsPlanDbContext> factory,
    TimeProvider time,
    IDataChangeNotifier notifier)
{
    /// <summary>The <see cref="DataChange.Kind"/> published after a commendation is saved or deleted.</summary>
    public const string ChangeKind = "Commendation";

    /// <summary>The validator a form uses, built on today's plan dates: the same rules the save applies.</summary>
    public async Task<CommendationInputValidator> CreateValidatorAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return new CommendationInputValidator(await PlanDates.LoadAsync(db, time.Today(), ct));
    }

    private static readonly Expression<Func<Commendation, CommendationRow>> ToRow = c => new CommendationRow
    {
        Id = c.Id,
        AgencyId = c.AgencyId,
        AgencyName = c.Agency!.Name,
        Kind = c.Kind,
        Recipient = c.Recipient,
        Achievement = c.Achievement,
        Date = c.Date,
        ActivityId = c.ActivityId,
        ActivityTitle = c.Activity == null ? null : c.Activity.Title,
        UpdatedBy = c.UpdatedBy,
        UpdatedAt = c.UpdatedAt,
        Version = c.Version,
    };

    /// <summary>A page of the commendations the caller may read that match <paramref name="filter"/>, newest first by default.</summary>
    public async Task<PageOf<CommendationRow>> ListAsync(
        CurrentUser user, CommendationFilter filter, int skip = 0, int take = 50,
        CommendationSort sort = CommendationSort.Date, bool descending = true, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = Scoped(db, user);
        if (filter.AgencyId is { } agencyId) query = query.Where(c => c.AgencyId == agencyId);
        if (filter.Kind is { } kind) query = query.Where(c => c.Kind == kind);
        if (filter.From is { } from) query = query.Where(c => c.Date >= from);
        if (filter.To is { } to) query = query.Where(c => c.Date <= to);
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(c => c.Recipient.Contains(text) || c.Achievement.Contains(text));
        }

        var total = await query.CountAsync(ct);
        var ordered = sort switch
        {
            CommendationSort.Agency => descending ? query.OrderByDescending(c => c.Agency!.SortOrder) : query.OrderBy(c => c.Agency!.SortOrder),
            CommendationSort.Recipient => descending ? query.OrderByDescending(c => c.Recipient) : query.OrderBy(c => c.Recipient),
            _ => descending ? query.OrderByDescending(c => c.Date) : query.OrderBy(c => c.Date),
        };
        var items = await ordered.ThenByDescending(c => c.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, FeedbackLimits.MaxPageSize))
            .Select(ToRow).ToListAsync(ct);
        return new PageOf<CommendationRow>(items, total);
    }

    /// <summary>The agencies the caller may filter by: every active agency for readers of all, an officer's own otherwise.</summary>
    public async Task<IReadOnlyList<AgencyChoice>> ListAgenciesAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await AgencyChoices.ListAsync(db, user, ct);
    }

    /// <summary>A commendation by id; <see cref="NotFoundException"/> when missing or not the caller's to read.</summary>
    public async Task<CommendationRow> GetAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Scoped(db, user).Where(c => c.Id == id).Select(ToRow).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
    }

    /// <summary>
    /// Activities of <paramref name="agencyId"/> a commendation may link to, newest first, optionally matching
    /// <paramref name="text"/> in the title; <see cref="NotFoundException"/> when the caller may not read the agency.
    /// </summary>
    public async Task<IReadOnlyList<ActivityChoice>> SuggestActivitiesAsync(
        CurrentUser user, int agencyId, string? text, int take = 20, CancellationToken ct = default)
    {
        if (!user.CanRead(agencyId)) throw new NotFoundException();
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.Activities.AsNoTracking().Where(a => a.AgencyId == agencyId);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var part = text.Trim();
            query = query.Where(a => a.Title.Contains(part));
        }
        return await query.OrderByDescending(a => a.StartDate).ThenByDescending(a => a.Id)
            .Take(Math.Clamp(take, 1, 100))
            .Select(a => new ActivityChoice(a.Id, a.Title, a.StartDate))
            .ToListAsync(ct);
    }

    /// <summary>Records a commendation for the officer's own agency.</summary>
    public async Task<CommendationRow> CreateAsync(CurrentUser user, CommendationInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateForAsync(user, time, ct);
        await EnsureWritableAsync(db, user, input.AgencyId, ct);
        await ValidateAsync(db, input, ct);
        var commendation = new Commendation { Recipient = "", Achievement = "" };
        Apply(commendation, input);
        db.Commendations.Add(commendation);
        await db.SaveChangesAsync(ct);
        notifier.NotifyChanged(new DataChange(ChangeKind, commendation.AgencyId));
        return await GetAsync(user, commendation.Id, ct);
    }

    /// <summary>Edits one of the officer's agency's commendations; a stale version is a <see cref="ConcurrencyConflictException"/>.</summary>
    public async Task<CommendationRow> UpdateAsync(CurrentUser user, int id, CommendationInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateForAsync(user, time, ct);
        var commendation = await LoadForWriteAsync(db, user, id, input.Version, ct);
        // A commendation stays with the agency that recorded it.
        input.AgencyId = commendation.AgencyId;
        await ValidateAsync(db, input, ct);
        Apply(commendation, input);
        await SaveAsync(db, id, ct);
        notifier.NotifyChanged(new DataChange(ChangeKind, commendation.AgencyId));
        return await GetAsync(user, id, ct);
    }

    /// <summary>Deletes one of the officer's agency's commendations, if nobody changed it since <paramref name="version"/>.</summary>
    public async Task DeleteAsync(CurrentUser user, int id, long version, CancellationToken ct = default)
    {
        await using var db = await factory.CreateForAsync(user, time, ct);
        var commendation = await LoadForWriteAsync(db, user, id, version, ct);
        db.Commendations.Remove(commendation);
        await SaveAsync(db, id, ct);
        notifier.NotifyChanged(new DataChange(ChangeKind, commendation.AgencyId));
    }

    /// <summary>The form's rules, then the link: an activity of the same agency, as the database holds it now.</summary>
    private async Task ValidateAsync(CommsPlanDbContext db, CommendationInput input, CancellationToken ct)
    {
        await new CommendationInputValidator(await PlanDates.LoadAsync(db, time.Today(), ct)).ValidateAndThrowAsync(input, ct);
        if (input.ActivityId is { } activityId
            && !await db.Activities.AnyAsync(a => a.Id == activityId && a.AgencyId == input.AgencyId, ct))
            throw new ValidationException([new ValidationFailure(nameof(CommendationInput.ActivityId), CommendationInputValidator.ActivityOfAnotherAgency)]);
    }

    private static IQueryable<Commendation> Scoped(CommsPlanDbContext db, CurrentUser user)
    {
        var query = db.Commendations.AsNoTracking();
        if (user.CanReadAllAgencies) return query;
        var own = user.IsOfficer ? user.AgencyId!.Value : -1;
        return query.Where(c => c.AgencyId == own);
    }

    private static async Task EnsureWritableAsync(CommsPlanDbContext db, CurrentUser user, int? agencyId, CancellationToken ct)
    {
        if (agencyId is null)
        {
            if (!user.IsOfficer) throw new AccessDeniedException();
            return; // the validator names the missing agency
        }
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId)
            .Select(a => new { a.IsActive }).FirstOrDefaultAsync(ct);
        if (agency is null || !user.CanRead(agencyId.Value)) throw new NotFoundException();
        if (!user.CanWrite(agencyId.Value)) throw new AccessDeniedException();
        if (!agency.IsActive) throw new BusinessRuleException("Đơn vị đã ngừng hoạt động, không thể ghi nhận thêm.");
    }

    private static async Task<Commendation> LoadForWriteAsync(CommsPlanDbContext db, CurrentUser user, int id, long version, CancellationToken ct)
    {
        var commendation = await db.Commendations.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (commendation is null || !user.CanRead(commendation.AgencyId)) throw new NotFoundException();
        if (!user.CanWrite(commendation.AgencyId)) throw new AccessDeniedException();
        if (commendation.Version != version) throw new ConcurrencyConflictException(commendation.UpdatedBy, commendation.UpdatedAt);
        return commendation;
    }

    private async Task SaveAsync(CommsPlanDbContext db, int id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await factory.CreateDbContextAsync(ct);
            var current = await fresh.Commendations.AsNoTracking().Where(c => c.Id == id)
                .Select(c => new { c.UpdatedBy, c.UpdatedAt }).FirstOrDefaultAsync(ct);
            throw new ConcurrencyConflictException(current?.UpdatedBy, current?.UpdatedAt);
        }
    }

    private static void Apply(Commendation commendation, CommendationInput input)
    {
        commendation.AgencyId = input.AgencyId!.Value;
        commendation.Kind = input.Kind!.Value;
        commendation.Recipient = input.Recipient.Trim();
        commendation.Achievement = input.Achievement.Trim();
        commendation.Date = input.Date!.Value;
        commendation.ActivityId = input.ActivityId;
    }
}
