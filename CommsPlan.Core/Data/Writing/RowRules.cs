using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CommsPlan.Core.Data.Writing;

/// <summary>
/// What every new or changed row gets before it is written, computed from the row alone: its version (the optimistic
/// concurrency token), who created and last changed it and when, and its search key (<see cref="ISearchable"/>). The
/// same code for a row saved through the change tracker, a row of a bulk insert and a history entry.
/// </summary>
internal static class RowRules
{
    /// <summary>
    /// A new row: version 1 and its creation stamps, unless the writer set them (seeders keep theirs); an agency's record
    /// a monitor creates is marked as entered on the agency's behalf.
    /// </summary>
    public static void OnAdded(object entity, CurrentUser actor, DateTime now)
    {
        if (entity is IVersioned { Version: 0 } versioned) versioned.Version = 1;
        if (entity is ITracked tracked)
        {
            if (string.IsNullOrEmpty(tracked.CreatedBy)) tracked.CreatedBy = actor.UserName;
            if (tracked.CreatedAt == default) tracked.CreatedAt = now;
            if (string.IsNullOrEmpty(tracked.UpdatedBy)) tracked.UpdatedBy = tracked.CreatedBy;
            if (tracked.UpdatedAt == default) tracked.UpdatedAt = tracked.CreatedAt;
        }
        if (entity is IEnteredOnBehalf { EnteredOnBehalfBy: null } record && actor.EntersOnBehalfOf(record.AgencyId))
            record.EnteredOnBehalfBy = actor.UserName;
        if (entity is ISearchable searchable) searchable.SearchKey = TextSearch.KeyOf(searchable);
    }

    /// <summary>A changed row: a new version (so a concurrent edit of the old one fails) and who changed it, when.</summary>
    public static void OnModified(EntityEntry entry, CurrentUser actor, DateTime now)
    {
        if (entry.Entity is IVersioned versioned)
            versioned.Version = (long)entry.Property(nameof(IVersioned.Version)).OriginalValue! + 1;
        if (entry.Entity is ITracked tracked)
        {
            tracked.UpdatedBy = actor.UserName;
            tracked.UpdatedAt = now;
        }
        if (entry.Entity is ISearchable searchable) searchable.SearchKey = TextSearch.KeyOf(searchable);
    }
}
