using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CommsPlan.Core.Data.Writing;

/// <summary>
/// Runs <see cref="WritePipeline"/> around every SaveChanges of a <see cref="CommsPlanDbContext"/>, whoever saves (a
/// page, a seeder, Identity's user store, a test). Registered by <see cref="CommsPlanOptions.UseCommsPlan"/>; keeps no
/// state of its own (a save's state lives on its context), so one instance serves every context.
/// </summary>
internal sealed class WriteInterceptor : SaveChangesInterceptor
{
    public static readonly WriteInterceptor Instance = new();

    private WriteInterceptor()
    {
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is CommsPlanDbContext db) WritePipeline.BeginSynchronous(db);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is CommsPlanDbContext db) await WritePipeline.BeginAsync(db, cancellationToken);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is CommsPlanDbContext db) await WritePipeline.CompleteAsync(db, cancellationToken);
        return result;
    }

    // A synchronous save never has work left for after the write (BeginSynchronous refuses those that would).

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is CommsPlanDbContext db) WritePipeline.Abort(db);
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is CommsPlanDbContext db) await WritePipeline.AbortAsync(db);
    }

    public override void SaveChangesCanceled(DbContextEventData eventData)
    {
        if (eventData.Context is CommsPlanDbContext db) WritePipeline.Abort(db);
    }

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is CommsPlanDbContext db) await WritePipeline.AbortAsync(db);
    }
}
