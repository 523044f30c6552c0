using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Nodes;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CommsPlan.Core.Audit;

/// <summary>
/// Reads the audit history: the whole log for administrators and monitoring officers (/audit), and one record's
/// history for whoever may read that record (the "Lịch sử" panel).
/// </summary>
public sealed class AuditService(IDbContextFactory<CommsPlanDbContext> factory)
{
    public async Task<AuditListResult> SearchAsync(CurrentUser actor, AuditQuery query, CancellationToken ct = default)
    {
        if (!actor.IsAdmin && !actor.IsMonitor) throw new AccessDeniedException();
        await using var db = await factory.CreateDbContextAsync(ct);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(query.EntityType)) entries = entries.Where(a => a.EntityType == query.EntityType);
        if (!string.IsNullOrWhiteSpace(query.EntityId)) entries = entries.Where(a => a.EntityId == query.EntityId.Trim());
        entries = entries.WhereMatches(a => a.SearchKey, query.UserName);
        if (query.Action is { } action) entries = entries.Where(a => a.Action == action);
        if (query.From is { } from)
        {
            var start = from.StartOfDayUtc();
            entries = entries.Where(a => a.At >= start);
        }
        if (query.To is { } to)
        {
            var end = to.AddDays(1).StartOfDayUtc();
            entries = entries.Where(a => a.At < end);
        }
        var total = await entries.CountAsync(ct);
        // Ids grow with time: ordering by them is ordering by when the change was saved.
        entries = query.OldestFirst ? entries.OrderBy(a => a.Id) : entries.OrderByDescending(a => a.Id);
        var page = await entries.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 200)).ToListAsync(ct);
        return new AuditListResult(await ToRowsAsync(db, page, ct), total);
    }

    /// <summary>
    /// The history of one record, newest first. Administrators and monitoring officers see any; others see the
    /// history of records of agencies they may read (an officer asking for another agency's record gets
    /// "not found", as for the record itself); accounts' and agencies' histories are for administration only.
    /// </summary>
    public async Task<IReadOnlyList<AuditRow>> HistoryAsync(CurrentUser actor, string entityType, string entityId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!actor.IsAdmin && !actor.IsMonitor) await CheckRecordReadableAsync(db, actor, entityType, entityId, ct);
        var page = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityId == entityId)
            .OrderByDescending(a => a.Id)
            .Take(500)
            .ToListAsync(ct);
        return await ToRowsAsync(db, page, ct);
    }

    /// <summary>Record types that have a history, for the filter of the audit page.</summary>
    public IReadOnlyList<AuditTypeOption> ListEntityTypes()
    {
        using var db = factory.CreateDbContext();
        return [.. db.Model.GetEntityTypes()
            .Where(t => typeof(IAudited).IsAssignableFrom(t.ClrType))
            .Select(t => new AuditTypeOption(t.ClrType.Name, AuditLabels.EntityType(t.ClrType.Name)))
            .OrderBy(t => t.Label, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false))];
    }

    private static async Task CheckRecordReadableAsync(CommsPlanDbContext db, CurrentUser actor, string entityType, string entityId, CancellationToken ct)
    {
        var type = db.Model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == entityType && typeof(IAudited).IsAssignableFrom(t.ClrType))
            ?? throw new NotFoundException();
        // Accounts and agencies are administration's business; other records belong to the agency they were logged under.
        if (type.ClrType == typeof(AppUser) || type.ClrType == typeof(Agency) || type.FindProperty("AgencyId") is null)
            throw new AccessDeniedException();
        var agencyId = await AgencyOfAsync(db, type, entityId, ct);
        if (agencyId is null || !actor.CanRead(agencyId.Value)) throw new NotFoundException();
    }

    private static async Task<int?> AgencyOfAsync(CommsPlanDbContext db, IEntityType type, string entityId, CancellationToken ct)
    {
        var keyProperty = type.FindPrimaryKey()!.Properties[0];
        object key;
        try
        {
            key = Convert.ChangeType(entityId, keyProperty.ClrType, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            return null;
        }
        var method = typeof(AuditService).GetMethod(nameof(QueryAgencyOf), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type.ClrType, keyProperty.ClrType);
        var query = (IQueryable<int?>)method.Invoke(null, [db, keyProperty.Name, key])!;
        return await query.FirstOrDefaultAsync(ct);
    }

    private static IQueryable<int?> QueryAgencyOf<TEntity, TKey>(CommsPlanDbContext db, string keyName, TKey key) where TEntity : class
    {
        var row = Expression.Parameter(typeof(TEntity), "row");
        Expression<Func<TKey>> value = () => key; // a closure, so the key becomes a SQL parameter
        var where = Expression.Lambda<Func<TEntity, bool>>(
            Expression.Equal(Expression.Call(typeof(EF), nameof(EF.Property), [typeof(TKey)], row, Expression.Constant(keyName)), value.Body), row);
        var select = Expression.Lambda<Func<TEntity, int?>>(
            Expression.Convert(Expression.Call(typeof(EF), nameof(EF.Property), [typeof(int)], row, Expression.Constant("AgencyId")), typeof(int?)), row);
        return db.Set<TEntity>().AsNoTracking().Where(where).Select(select);
    }

    /// <summary>Rows with their changes in words, and the records named as people know them (user names, agency codes).</summary>
    private static async Task<IReadOnlyList<AuditRow>> ToRowsAsync(CommsPlanDbContext db, List<AuditEntry> entries, CancellationToken ct)
    {
        var userIds = entries.Where(e => e.EntityType == nameof(AppUser)).Select(e => e.EntityId).Distinct().ToList();
        var userNames = userIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.UserName ?? "", ct);
        var agencyIds = entries.Where(e => e.EntityType == nameof(Agency))
            .Select(e => int.TryParse(e.EntityId, CultureInfo.InvariantCulture, out var id) ? id : 0).Distinct().ToList();
        var agencies = agencyIds.Count == 0 ? [] : await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id.ToString(CultureInfo.InvariantCulture), a => $"{a.Code} · {a.Name}", ct);

        return [.. entries.Select(e =>
        {
            var changes = Parse(e.Changes);
            var label = e.EntityType switch
            {
                nameof(AppUser) when userNames.TryGetValue(e.EntityId, out var name) => name,
                nameof(Agency) when agencies.TryGetValue(e.EntityId, out var agency) => agency,
                _ => NameFromChanges(changes),
            };
            return new AuditRow(e.Id, e.At, e.UserName, e.EntityType, AuditLabels.EntityType(e.EntityType), e.EntityId, label,
                e.Action, AuditLabels.Action(e.Action), changes);
        })];
    }

    private static IReadOnlyList<AuditChangeView> Parse(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject changes) return [];
        return [.. changes.Select(c => new AuditChangeView(
            c.Key,
            AuditLabels.Property(c.Key),
            AuditLabels.Value(c.Key, c.Value?["before"]),
            AuditLabels.Value(c.Key, c.Value?["after"])))];
    }

    /// <summary>A deleted user or agency, or any other record: its name as the change itself recorded it.</summary>
    private static string? NameFromChanges(IReadOnlyList<AuditChangeView> changes)
    {
        foreach (var property in new[] { "UserName", "Code", "Title", "DocumentNumber", "Recipient", "Name" })
        {
            var change = changes.FirstOrDefault(c => c.Property == property);
            if (change is not null) return change.After ?? change.Before;
        }
        return null;
    }
}

public sealed record AuditQuery(
    string? EntityType = null, string? EntityId = null, string? UserName = null, DateOnly? From = null, DateOnly? To = null,
    AuditAction? Action = null, bool OldestFirst = false, int Skip = 0, int Take = 25);

public sealed record AuditChangeView(string Property, string Label, string? Before, string? After);

public sealed record AuditRow(
    long Id, DateTime AtUtc, string UserName, string EntityType, string EntityTypeLabel, string EntityId, string? EntityLabel,
    AuditAction Action, string ActionLabel, IReadOnlyList<AuditChangeView> Changes);

public sealed record AuditTypeOption(string EntityType, string Label);

public sealed record AuditListResult(IReadOnlyList<AuditRow> Items, int TotalCount);
