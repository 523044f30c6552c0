using System.Runtime.CompilerServices;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace CommsPlan.Core.Audit;

/// <summary>
/// Writes the audit history of every <see cref="IAudited"/> record in the same transaction as the change itself,
/// whoever saves it (a page, an import, Identity's user store, a seeder): the one place history is kept.
/// <para>
/// Two phases, because a new row's id exists only after its INSERT: before the save the changes are captured
/// (old values are lost afterwards) and a transaction is opened unless the caller has one; after the save the
/// <see cref="AuditEntry"/> rows are written and the transaction committed. A failure anywhere rolls both back.
/// </para>
/// </summary>
public sealed class AuditInterceptor : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, SaveScope> _scopes = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        BeginAsync(eventData.Context, async: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await BeginAsync(eventData.Context, async: true, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        CompleteAsync(eventData.Context, async: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await CompleteAsync(eventData.Context, async: true, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        AbortAsync(eventData.Context, async: false).AsTask().GetAwaiter().GetResult();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        AbortAsync(eventData.Context, async: true).AsTask();

    public override void SaveChangesCanceled(DbContextEventData eventData) =>
        AbortAsync(eventData.Context, async: false).AsTask().GetAwaiter().GetResult();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        AbortAsync(eventData.Context, async: true).AsTask();

    private async ValueTask BeginAsync(DbContext? context, bool async, CancellationToken ct)
    {
        if (context is not CommsPlanDbContext db) return;
        if (_scopes.TryGetValue(db, out var existing))
        {
            if (existing.Writing) return; // our own save of the audit rows
            await AbortAsync(db, async); // left over from a save that failed without telling us
        }

        db.ChangeTracker.DetectChanges();
        var recorder = await AuditRecorder.CaptureAsync(db, async, ct);
        if (recorder.IsEmpty) return;

        var scope = new SaveScope(recorder);
        if (db.Database.CurrentTransaction is null)
            scope.OwnedTransaction = async ? await db.Database.BeginTransactionAsync(ct) : db.Database.BeginTransaction();
        // EF reports an optimistic-concurrency failure through this event only (not SaveChangesFailed): without it a
        // failed save would keep our transaction, and SQLite's write lock, until the context is disposed.
        scope.OnFailed = (_, _) => AbortAsync(db, async: false).AsTask().GetAwaiter().GetResult();
        db.SaveChangesFailed += scope.OnFailed;
        _scopes.AddOrUpdate(db, scope);
    }

    private async ValueTask CompleteAsync(DbContext? context, bool async, CancellationToken ct)
    {
        if (context is not CommsPlanDbContext db || !_scopes.TryGetValue(db, out var scope) || scope.Writing) return;
        scope.Writing = true;
        try
        {
            var entries = await scope.Recorder.BuildAsync(db, async, ct);
            if (entries.Count > 0)
            {
                db.AuditEntries.AddRange(entries);
                if (async) await db.SaveChangesAsync(ct);
                else db.SaveChanges();
                // The caller's context keeps tracking only its own records.
                foreach (var entry in entries) db.Entry(entry).State = EntityState.Detached;
            }
            if (scope.OwnedTransaction is { } transaction)
            {
                if (async) await transaction.CommitAsync(ct);
                else transaction.Commit();
            }
        }
        catch
        {
            await AbortAsync(db, async);
            throw;
        }
        _scopes.Remove(db);
        db.SaveChangesFailed -= scope.OnFailed;
        if (scope.OwnedTransaction is { } owned)
        {
            if (async) await owned.DisposeAsync();
            else owned.Dispose();
        }
    }

    private async ValueTask AbortAsync(DbContext? context, bool async)
    {
        if (context is null || !_scopes.TryGetValue(context, out var scope)) return;
        _scopes.Remove(context);
        context.SaveChangesFailed -= scope.OnFailed;
        if (scope.OwnedTransaction is not { } transaction) return;
        try
        {
            if (async) await transaction.RollbackAsync(CancellationToken.None);
            else transaction.Rollback();
        }
        catch (InvalidOperationException)
        {
            // Already completed or its connection closed: nothing left to undo.
        }
        finally
        {
            if (async) await transaction.DisposeAsync();
            else transaction.Dispose();
        }
    }

    private sealed class SaveScope(AuditRecorder recorder)
    {
        public AuditRecorder Recorder { get; } = recorder;
        public IDbContextTransaction? OwnedTransaction { get; set; }
        public bool Writing { get; set; }
        public EventHandler<SaveChangesFailedEventArgs>? OnFailed { get; set; }
    }
}
