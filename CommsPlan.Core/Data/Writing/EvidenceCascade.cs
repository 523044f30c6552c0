using CommsPlan.Core.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CommsPlan.Core.Data.Writing;

/// <summary>
/// A deleted activity, unit plan or commendation takes its evidence files with it, each deletion in the audit history
/// like a file deleted alone. Here in the write path, so every service that deletes such a record does it the same way
/// (the database's cascade would delete the rows too, but without a history).
/// </summary>
internal static class EvidenceCascade
{
    /// <summary>Marks the files of the deleted records among <paramref name="changed"/> deleted; true when there were any.</summary>
    public static async Task<bool> RemoveFilesOfDeletedAsync(CommsPlanDbContext db, List<EntityEntry> changed, CancellationToken ct)
    {
        var activities = Deleted<Activities.Activity>(changed, a => a.Id);
        var unitPlans = Deleted<UnitPlans.UnitPlan>(changed, u => u.Id);
        var commendations = Deleted<Feedback.Commendation>(changed, c => c.Id);
        if (activities.Count + unitPlans.Count + commendations.Count == 0) return false;

        var files = await db.EvidenceFiles
            .Where(f => (f.ActivityId != null && activities.Contains(f.ActivityId.Value))
                || (f.UnitPlanId != null && unitPlans.Contains(f.UnitPlanId.Value))
                || (f.CommendationId != null && commendations.Contains(f.CommendationId.Value)))
            .ToListAsync(ct);
        foreach (var file in files)
        {
            if (db.Entry(file).State != EntityState.Deleted) db.EvidenceFiles.Remove(file);
        }
        return files.Count > 0;
    }

    private static List<int> Deleted<T>(List<EntityEntry> changed, Func<T, int> id) where T : class =>
        [.. changed.Where(e => e.State == EntityState.Deleted && e.Entity is T).Select(e => id((T)e.Entity))];
}
