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
    IDataChangeNotifier notifier) : FeedbackService<Commendation, CommendationRow>(factory, time, notifier, ChangeKind)
{
    /// <summary>The <see cref="DataChange.Kind"/> published after a commendation is saved or deleted.</summary>
    public const string ChangeKind = "Commendation";

    private const string StoppedMessage = "Đơn vị đã ngừng hoạt động, không thể ghi nhận thêm.";

    protected override Expression<Func<Commendation, CommendationRow>> ToRow(CommsPlanDbContext db) => CommendationRow.Projection;

    /// <summary>The validator a form uses, built on today's plan dates: the same rules the save applies.</summary>
    public Task<CommendationInputValidator> CreateValidatorAsync(CancellationToken ct = default) => CreateValidatorAsync(null, ct);

    /// <summary>The validator of a form in the plan of <paramref name="planYear"/> (the current plan when null).</summary>
    public async Task<CommendationInputValidator> CreateValidatorAsync(int? planYear, CancellationToken ct = default)
    {
        await using var db = await Factory.CreateDbContextAsync(ct);
        return new CommendationInputValidator(await PlanDates.LoadAsync(db, Time.Today(), planYear, ct));
    }

    /// <summary>A page of the commendations the caller may read that match <paramref name="filter"/>, newest first by default.</summary>
    public async Task<PageOf<CommendationRow>> ListAsync(
        CurrentUser user, CommendationFilter filter, int skip = 0, int take = 50,
        CommendationSort sort = CommendationSort.Date, bool descending = true, CancellationToken ct = default)
    {
        await using var db = await Factory.CreateDbContextAsync(ct);
        var query = Scoped(db, user);
        if (filter.AgencyId is { } agencyId) query = query.Where(c => c.AgencyId == agencyId);
        if (filter.Kind is { } kind) query = query.Where(c => c.Kind == kind);
        if (filter.PlanYear is { } year && await PlanChoice.FindAsync(db, year, Time.Today(), ct) is { } plan)
            query = query.Where(c => c.Date >= plan.Start && c.Date <= plan.End);
        if (filter.From is { } from) query = query.Where(c => c.Date >= from);
        if (filter.To is { } to) query = query.Where(c => c.Date <= to);
        query = query.WhereMatches(c => c.SearchKey, filter.Text);

        return await PageAsync(db, query, matching => sort switch
        {
            CommendationSort.Agency => descending ? matching.OrderByDescending(c => c.Agency!.SortOrder) : matching.OrderBy(c => c.Agency!.SortOrder),
            CommendationSort.Recipient => descending ? matching.OrderByDescending(c => c.Recipient) : matching.OrderBy(c => c.Recipient),
            _ => descending ? matching.OrderByDescending(c => c.Date) : matching.OrderBy(c => c.Date),
        }, skip, take, ct);
    }

    /// <summary>
    /// Activities of <paramref name="agencyId"/> a commendation may link to, newest first, optionally matching
    /// <paramref name="text"/> as the activity list's search does (title, description, notes);
    /// <see cref="NotFoundException"/> when the caller may not read the agency.
    /// </summary>
    public async Task<IReadOnlyList<ActivityChoice>> SuggestActivitiesAsync(
        CurrentUser user, int agencyId, string? text, int take = 20, CancellationToken ct = default)
    {
        if (!user.CanRead(agencyId)) throw new NotFoundException();
        await using var db = await Factory.CreateDbContextAsync(ct);
        var query = db.Activities.AsNoTracking().Where(a => a.AgencyId == agencyId).WhereMatches(a => a.SearchKey, text);
        return await query.OrderByDescending(a => a.StartDate).ThenByDescending(a => a.Id)
            .Take(Math.Clamp(take, 1, 100))
            .Select(a => new ActivityChoice(a.Id, a.Title, a.StartDate))
            .ToListAsync(ct);
    }

    /// <summary>Records a commendation for the officer's own agency.</summary>
    public async Task<CommendationRow> CreateAsync(CurrentUser user, CommendationInput input, CancellationToken ct = default)
    {
        await using var db = await Factory.CreateForAsync(user, Time, ct);
        await EnsureWritableAsync(db, user, input.AgencyId, onBehalf: false, StoppedMessage, ct);
        await ValidateAsync(db, input, ct);
        var commendation = new Commendation { Recipient = "", Achievement = "" };
        Apply(commendation, input);
        return await AddAsync(db, user, commendation, ct);
    }

    /// <summary>Edits one of the officer's agency's commendations; a stale version is a <see cref="ConcurrencyConflictException"/>.</summary>
    public async Task<CommendationRow> UpdateAsync(CurrentUser user, int id, CommendationInput input, CancellationToken ct = default)
    {
        await using var db = await Factory.CreateForAsync(user, Time, ct);
        var commendation = await LoadForWriteAsync(db, user, id, input.Version, c => user.CanWrite(c.AgencyId), null, ct);
        // A commendation stays with the agency that recorded it.
        input.AgencyId = commendation.AgencyId;
        await ValidateAsync(db, input, ct);
        Apply(commendation, input);
        return await SaveChangedAsync(db, user, commendation, ct);
    }

    /// <summary>Deletes one of the officer's agency's commendations, if nobody changed it since <paramref name="version"/>.</summary>
    public async Task DeleteAsync(CurrentUser user, int id, long version, CancellationToken ct = default)
    {
        await using var db = await Factory.CreateForAsync(user, Time, ct);
        var commendation = await LoadForWriteAsync(db, user, id, version, c => user.CanWrite(c.AgencyId), null, ct);
        db.Commendations.Remove(commendation);
        await SaveAsync(db, id, ct);
        Announce(commendation.AgencyId);
    }

    /// <summary>The form's rules, then the link: an activity of the same agency, as the database holds it now.</summary>
    private async Task ValidateAsync(CommsPlanDbContext db, CommendationInput input, CancellationToken ct)
    {
        await new CommendationInputValidator(await PlanDates.LoadAsync(db, Time.Today(), input.PlanYear, ct)).ValidateAndThrowAsync(input, ct);
        if (input.ActivityId is { } activityId
            && !await db.Activities.AnyAsync(a => a.Id == activityId && a.AgencyId == input.AgencyId, ct))
            throw new ValidationException([new ValidationFailure(nameof(CommendationInput.ActivityId), CommendationInputValidator.ActivityOfAnotherAgency)]);
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
