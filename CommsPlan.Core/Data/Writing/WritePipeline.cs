using System.Data.Common;
using CommsPlan.Core.Activities.Figures;
using CommsPlan.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CommsPlan.Core.Data.Writing;

/// <summary>
/// The one write path: the rules every write obeys, in the transaction of the write, for a save through the change
/// tracker (<see cref="WriteInterceptor"/>) and for a bulk insert (<see cref="InsertManyAsync"/>) alike.
/// <list type="number">
/// <item>Before the rows are written, from the rows alone (<see cref="RowRules"/>): versions and who/when stamps.</item>
/// <item>Before, when the write touches audited records or activities: a transaction is begun unless the caller has
/// one; the audit history's old values and links (<see cref="AuditRecorder"/>) and the figures' old state of the changed
/// activities (<see cref="FigureChanges"/>) are captured.</item>
/// <item>The rows are written: by EF, or by <see cref="BulkInsert"/>.</item>
/// <item>After, in the same transaction (<see cref="FinishAsync"/>, shared by both): the figures move, the history
/// entries are built and inserted, and the transaction (when it is ours) is committed. A failure anywhere rolls
/// everything back.</item>
/// </list>
/// A save and a bulk insert differ only in step 3 and in how step 2 reads what changes (the change tracker, or the new
/// rows); a new record is described to the rules the same way by both, so stamps, history and figures cannot differ.
/// <para>
/// A synchronous SaveChanges runs step 1 and is refused when step 2 has anything to do: the history and the figures
/// need the database, and running them synchronously would mean a second, blocking copy of every rule. Only the Data
/// Protection key store saves synchronously, and its rows have neither.
/// </para>
/// </summary>
internal static class WritePipeline
{
    public const string SynchronousSaveRefused =
        "A synchronous SaveChanges of records with a history or of activities is refused: their history and figures are written "
        + "with the change, which needs the database. Call SaveChangesAsync.";

    /// <summary>Rows per COPY on PostgreSQL (each COPY costs a round trip and the server's setup); SQLite inserts row by row anyway.</summary>
    private const int RowsPerInsert = 1000;

    /// <summary>Step 1 of a synchronous save; refuses one that needs step 2.</summary>
    /// <exception cref="InvalidOperationException">The save touches audited records or activities.</exception>
    public static void BeginSynchronous(CommsPlanDbContext db)
    {
        Abort(db);
        var changed = Changed(db);
        if (changed.Any(NeedsTheDatabase)) throw new InvalidOperationException(SynchronousSaveRefused);
        Prepare(db, changed, db.Time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Steps 1 and 2 of a save, before EF writes its rows.</summary>
    public static async ValueTask BeginAsync(CommsPlanDbContext db, CancellationToken ct)
    {
        // Left over from a save that failed without telling (an exception EF reports through no event).
        await AbortAsync(db);
        var changed = Changed(db);
        if (await EvidenceCascade.RemoveFilesOfDeletedAsync(db, changed, ct)) changed = Changed(db);
        var now = db.Time.GetUtcNow().UtcDateTime;
        Prepare(db, changed, now);
        if (!changed.Any(NeedsTheDatabase)) return;

        var pending = new PendingWrite(now);
        db.PendingWrite = pending;
        try
        {
            if (db.Database.CurrentTransaction is null) pending.OwnedTransaction = await db.Database.BeginTransactionAsync(ct);
            // EF reports an optimistic-concurrency failure through this event only (not to the interceptor): without it a
            // failed save would keep our transaction, and SQLite's write lock, until the context is disposed.
            pending.OnFailed = (_, _) => Abort(db);
            db.SaveChangesFailed += pending.OnFailed;
            var history = await AuditRecorder.CaptureAsync(db, changed, ct);
            pending.History = history.IsEmpty ? null : history;
            pending.Figures = FigureChanges.Capture(changed);
            if (pending.Figures is not null) await pending.Figures.ReadBeforeAsync(db, ct);
        }
        catch
        {
            await AbortAsync(db);
            throw;
        }
    }

    /// <summary>Step 4 of a save, once EF has written its rows.</summary>
    public static async ValueTask CompleteAsync(CommsPlanDbContext db, CancellationToken ct)
    {
        if (db.PendingWrite is not { } pending) return;
        try
        {
            await FinishAsync(db, pending, ct);
        }
        catch (Exception ex)
        {
            await AbortAsync(db);
            // The figures and the history are written with plain commands, which EF's failure mapping does not see.
            DatabaseFailures.ThrowIfUnavailable(ex);
            throw;
        }
        await EndAsync(db, pending);
    }

    /// <summary>
    /// The bulk mode: inserts new records of one type with their many-to-many links (the import's thousands of
    /// activities), as a save of the same records would, without the change tracker's cost per entity. Keys are reserved
    /// first (<see cref="DatabaseProviders.ReserveKeysAsync"/>) and set on the rows; each table is written by
    /// <see cref="BulkInsert"/>. In the caller's transaction, or in one of its own.
    /// </summary>
    /// <exception cref="InvalidOperationException">The type has no generated single-column key, shadow columns or audited parts.</exception>
    public static async Task InsertManyAsync<T>(CommsPlanDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return;
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var key = type.FindPrimaryKey()!.Properties.Single();
        if (type.GetProperties().Any(p => p.IsShadowProperty()) || key.PropertyInfo is null)
            throw new InvalidOperationException($"{type.ClrType.Name} has shadow properties: a bulk insert writes the values its rows hold.");

        await AbortAsync(db);
        var now = db.Time.GetUtcNow().UtcDateTime;
        foreach (var row in rows) RowRules.OnAdded(row, db.Actor, now);
        var history = AuditRecorder.CaptureInserted(type, rows);
        var pending = new PendingWrite(now) { History = history.IsEmpty ? null : history, Figures = FigureChanges.CaptureInserted(rows) };
        db.PendingWrite = pending;
        try
        {
            if (db.Database.CurrentTransaction is null) pending.OwnedTransaction = await db.Database.BeginTransactionAsync(ct);
            // The new rows' keys, known before they are written: their links and history need them, and COPY returns nothing.
            var keys = await DatabaseProviders.ReserveKeysAsync(db, type, rows.Count, ct);
            for (var i = 0; i < rows.Count; i++) key.PropertyInfo.SetValue(rows[i], Convert.ChangeType(keys[i], key.ClrType, System.Globalization.CultureInfo.InvariantCulture));

            await using (var records = BulkInsert.For(db, type, withGeneratedKey: true))
            {
                foreach (var chunk in rows.Chunk(RowsPerInsert))
                    await records.InsertAsync(chunk, (row, column) => column.GetGetter().GetClrValue(row), ct);
            }
            foreach (var navigation in type.GetSkipNavigations()) await InsertLinksAsync(db, navigation, rows, ct);
            await FinishAsync(db, pending, ct);
        }
        catch (Exception ex)
        {
            await AbortAsync(db);
            DatabaseFailures.ThrowIfUnavailable(ex);
            throw;
        }
        await EndAsync(db, pending);
    }

    /// <summary>
    /// Step 4, shared by saves and bulk inserts: the figures move by what was written, the history entries of the
    /// written records are built and inserted (as new rows of the write path, through <see cref="RowRules"/>), and the
    /// transaction, when it is ours, is committed.
    /// </summary>
    private static async Task FinishAsync(CommsPlanDbContext db, PendingWrite pending, CancellationToken ct)
    {
        if (pending.Figures is { } figures) await figures.ApplyAsync(db, ct);
        if (pending.History is { } history)
        {
            var entries = await history.BuildAsync(db, pending.Now, ct);
            foreach (var entry in entries) RowRules.OnAdded(entry, db.Actor, pending.Now);
            await using var insert = BulkInsert.For(db, db.Model.FindEntityType(typeof(AuditEntry))!);
            foreach (var chunk in entries.Chunk(RowsPerInsert))
                await insert.InsertAsync(chunk, (entry, column) => column.GetGetter().GetClrValue(entry), ct);
        }
        if (pending.OwnedTransaction is { } transaction) await transaction.CommitAsync(ct);
    }

    /// <summary>The join rows of <paramref name="navigation"/> for new <paramref name="rows"/>: each row's key with each linked record's.</summary>
    private static async Task InsertLinksAsync<T>(CommsPlanDbContext db, ISkipNavigation navigation, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        var toOwner = navigation.ForeignKey;
        var toTarget = navigation.JoinEntityType.GetForeignKeys().Single(fk => fk != toOwner);
        var ownerKey = toOwner.PrincipalKey.Properties.Single().GetGetter();
        var targetKey = toTarget.PrincipalKey.Properties.Single().GetGetter();
        var links = new List<(object Owner, object Target)>();
        foreach (var row in rows)
        {
            var owner = ownerKey.GetClrValue(row)!;
            foreach (var target in (System.Collections.IEnumerable?)navigation.GetGetter().GetClrValue(row) ?? Array.Empty<object>())
                links.Add((owner, targetKey.GetClrValue(target)!));
        }
        var ownerColumn = toOwner.Properties.Single();
        await using var insert = BulkInsert.For(db, navigation.JoinEntityType);
        foreach (var chunk in links.Chunk(RowsPerInsert))
            await insert.InsertAsync(chunk, (link, column) => column == ownerColumn ? link.Owner : link.Target, ct);
    }

    private static List<EntityEntry> Changed(CommsPlanDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        return [.. db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)];
    }

    /// <summary>Step 1 for the change tracker's rows.</summary>
    private static void Prepare(CommsPlanDbContext db, List<EntityEntry> changed, DateTime now)
    {
        foreach (var entry in changed)
        {
            if (entry.State == EntityState.Added) RowRules.OnAdded(entry.Entity, db.Actor, now);
            else if (entry.State == EntityState.Modified) RowRules.OnModified(entry, db.Actor, now);
        }
    }

    private static bool NeedsTheDatabase(EntityEntry entry) => AuditRecorder.Concerns(entry) || FigureChanges.Concerns(entry);

    private static async ValueTask EndAsync(CommsPlanDbContext db, PendingWrite pending)
    {
        Forget(db, pending);
        if (pending.OwnedTransaction is { } transaction) await transaction.DisposeAsync();
    }

    /// <summary>Rolls back what a failed write began; nothing when no write is pending.</summary>
    public static async ValueTask AbortAsync(CommsPlanDbContext db)
    {
        if (db.PendingWrite is not { } pending) return;
        Forget(db, pending);
        if (pending.OwnedTransaction is not { } transaction) return;
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbException)
        {
            // Already completed, or its connection closed: nothing left to undo.
        }
        finally
        {
            await transaction.DisposeAsync();
        }
    }

    /// <summary><see cref="AbortAsync"/> for EF's synchronous callbacks (its failure event, a synchronous save).</summary>
    public static void Abort(CommsPlanDbContext db)
    {
        if (db.PendingWrite is not { } pending) return;
        Forget(db, pending);
        if (pending.OwnedTransaction is not { } transaction) return;
        try
        {
            transaction.Rollback();
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbException)
        {
            // Already completed, or its connection closed: nothing left to undo.
        }
        finally
        {
            transaction.Dispose();
        }
    }

    private static void Forget(CommsPlanDbContext db, PendingWrite pending)
    {
        db.PendingWrite = null;
        if (pending.OnFailed is not null) db.SaveChangesFailed -= pending.OnFailed;
    }
}

/// <summary>A write between its two phases: what was captured before it, and the transaction it owns.</summary>
internal sealed class PendingWrite(DateTime now)
{
    /// <summary>One time for the whole write: the rows' stamps and their history entries read the same instant.</summary>
    public DateTime Now { get; } = now;
    public AuditRecorder? History { get; set; }
    public FigureChanges? Figures { get; set; }
    public IDbContextTransaction? OwnedTransaction { get; set; }
    public EventHandler<SaveChangesFailedEventArgs>? OnFailed { get; set; }
}
