using System.Linq.Expressions;
using CommsPlan.Core.Access;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Feedback;

/// <summary>A commendation or a difficulty: a record of one agency, versioned and stamped.</summary>
public interface IFeedbackRecord : IVersioned, ITracked
{
    int Id { get; }
    int AgencyId { get; }
}

/// <summary>
/// What the commendation and the difficulty services share, because it is the same rule for both: a record belongs to
/// an agency; monitors, leadership and administrators read every agency's, an officer only its own (another agency's
/// answers as missing); only the agency's own officer records one, and not for an agency that stopped; a save from a
/// stale version is a conflict that names who changed it; every change is announced under the service's kind.
/// What differs (who edits, who answers, the filters and the order of the lists) stays in each service.
/// </summary>
public abstract class FeedbackService<TRecord, TRow>(
    IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time, IDataChangeNotifier notifier, string changeKind)
    where TRecord : class, IFeedbackRecord
{
    protected IDbContextFactory<CommsPlanDbContext> Factory => factory;

    protected TimeProvider Time => time;

    /// <summary>The one query shape of the rows (<see cref="CommendationRow.Projection"/>, <see cref="DifficultyRow.Projection"/>).</summary>
    protected abstract Expression<Func<TRecord, TRow>> ToRow(CommsPlanDbContext db);

    /// <summary>The agencies the caller may filter by: every active agency for readers of all, an officer's own otherwise.</summary>
    public async Task<IReadOnlyList<AgencyChoice>> ListAgenciesAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await AgencyChoices.ListAsync(db, user, ct);
    }

    /// <summary>One record by id; <see cref="NotFoundException"/> when missing or not the caller's to read.</summary>
    public async Task<TRow> GetAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Scoped(db, user).Where(r => r.Id == id).Select(ToRow(db)).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
    }

    /// <summary>The records the caller may read.</summary>
    protected static IQueryable<TRecord> Scoped(CommsPlanDbContext db, CurrentUser user)
    {
        var query = db.Set<TRecord>().AsNoTracking();
        if (user.CanReadAllAgencies) return query;
        var own = user.IsOfficer ? user.AgencyId!.Value : -1;
        return query.Where(r => r.AgencyId == own);
    }

    /// <summary>One page of <paramref name="matching"/> in <paramref name="order"/> (ties newest first), and how many match.</summary>
    protected async Task<PageOf<TRow>> PageAsync(CommsPlanDbContext db, IQueryable<TRecord> matching,
        Func<IQueryable<TRecord>, IOrderedQueryable<TRecord>> order, int skip, int take, CancellationToken ct)
    {
        var total = await matching.CountAsync(ct);
        var items = await order(matching).ThenByDescending(r => r.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, FeedbackLimits.MaxPageSize))
            .Select(ToRow(db)).ToListAsync(ct);
        return new PageOf<TRow>(items, total);
    }

    /// <summary>
    /// The caller may record for <paramref name="agencyId"/>: its own officer, or the Office's monitor when
    /// <paramref name="onBehalf"/> allows the record to be entered on the agency's behalf (<see cref="CurrentUser.CanEnterFor"/>),
    /// for an agency still active (<paramref name="stoppedMessage"/> says what it cannot do otherwise). Without an agency,
    /// only who could record one gets as far as the validator, which names the missing agency.
    /// </summary>
    protected static async Task EnsureWritableAsync(CommsPlanDbContext db, CurrentUser user, int? agencyId, bool onBehalf,
        string stoppedMessage, CancellationToken ct)
    {
        if (agencyId is null)
        {
            if (!user.IsOfficer && !(onBehalf && user.IsMonitor)) throw new AccessDeniedException();
            return;
        }
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId)
            .Select(a => new { a.IsActive }).FirstOrDefaultAsync(ct);
        if (agency is null || !user.CanRead(agencyId.Value)) throw new NotFoundException();
        if (!(onBehalf ? user.CanEnterFor(agencyId.Value) : user.CanWrite(agencyId.Value))) throw new AccessDeniedException();
        if (!agency.IsActive) throw new BusinessRuleException(stoppedMessage);
    }

    /// <summary>The record, tracked, if the caller may read it and nobody changed it since <paramref name="version"/>.</summary>
    protected static async Task<TRecord> LoadForWriteAsync(CommsPlanDbContext db, CurrentUser user, int id, long version,
        Func<TRecord, bool> mayWrite, string? refusal, CancellationToken ct)
    {
        var record = await db.Set<TRecord>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null || !user.CanRead(record.AgencyId)) throw new NotFoundException();
        if (!mayWrite(record)) throw refusal is null ? new AccessDeniedException() : new AccessDeniedException(refusal);
        if (record.Version != version) throw new ConcurrencyConflictException(record.UpdatedBy, record.UpdatedAt);
        return record;
    }

    /// <summary>Saves; a record changed or deleted meanwhile is a <see cref="ConcurrencyConflictException"/> naming who changed it.</summary>
    protected async Task SaveAsync(CommsPlanDbContext db, int id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await factory.CreateDbContextAsync(ct);
            var current = await fresh.Set<TRecord>().AsNoTracking().Where(r => r.Id == id)
                .Select(r => new { r.UpdatedBy, r.UpdatedAt }).FirstOrDefaultAsync(ct);
            throw new ConcurrencyConflictException(current?.UpdatedBy, current?.UpdatedAt);
        }
    }

    /// <summary>Stores a new record, announces it and returns it as the caller reads it.</summary>
    protected async Task<TRow> AddAsync(CommsPlanDbContext db, CurrentUser user, TRecord record, CancellationToken ct)
    {
        db.Set<TRecord>().Add(record);
        await db.SaveChangesAsync(ct);
        Announce(record.AgencyId);
        return await GetAsync(user, record.Id, ct);
    }

    /// <summary>Saves the changed record (see <see cref="SaveAsync"/>), announces it and returns it as the caller reads it.</summary>
    protected async Task<TRow> SaveChangedAsync(CommsPlanDbContext db, CurrentUser user, TRecord record, CancellationToken ct)
    {
        await SaveAsync(db, record.Id, ct);
        Announce(record.AgencyId);
        return await GetAsync(user, record.Id, ct);
    }

    /// <summary>Tells open pages that the agency's records of this kind changed.</summary>
    protected void Announce(int agencyId) => notifier.NotifyChanged(new DataChange(changeKind, agencyId));
}
