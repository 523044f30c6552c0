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
        // Accounts, agencies and API tokens are administration's business (a token's list already says who created and
        // revoked it); other records belong to the agency they were logged under.
        if (type.ClrType == typeof(AppUser) || type.ClrType == typeof(Agency) || type.ClrType == typeof(Api.ApiToken) || type.FindProperty("AgencyId") is null)
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

    /// <summary>
    /// Rows with their changes in words, the records named as people know them (an activity by its title, an agency
    /// by its name, an account by its holder's full name) and the people who made the changes by full name. The names
    /// of a page come from one query per kind of record on it and one for the people, never one per row.
    /// </summary>
    private static async Task<IReadOnlyList<AuditRow>> ToRowsAsync(CommsPlanDbContext db, List<AuditEntry> entries, CancellationToken ct)
    {
        var names = await RecordNamesAsync(db, entries, ct);
        var parsed = entries.ToDictionary(e => e.Id, e => Parse(e.Changes));
        var changes = await NameReferencesAsync(db, parsed, ct);
        var logins = entries.Select(e => e.UserName).Distinct().ToList();
        var people = logins.Count == 0 ? [] : await db.Users.AsNoTracking()
            .Where(u => u.UserName != null && logins.Contains(u.UserName))
            .Select(u => new { u.UserName, u.FullName })
            .ToDictionaryAsync(u => u.UserName!, u => u.FullName, ct);

        return [.. entries.Select(e =>
        {
            // A deleted record is named as its last entry recorded it.
            var label = names.GetValueOrDefault((e.EntityType, e.EntityId)) ?? NameFromChanges(parsed[e.Id]);
            var by = people.TryGetValue(e.UserName, out var fullName) && !string.IsNullOrWhiteSpace(fullName) ? fullName : CallerNames.Display(e.UserName);
            return new AuditRow(e.Id, e.At, e.UserName, by, e.EntityType, AuditLabels.EntityType(e.EntityType), e.EntityId, label,
                e.Action, AuditLabels.Action(e.Action), changes[e.Id]);
        })];
    }

    /// <summary>
    /// The changes with what they refer to named as people know it: agencies and channels ("Sở Tư pháp", not "STP"),
    /// objectives and themes ("MĐ1 Nâng cao nhận thức", not "MD1"), a unit plan's targets by their channel, and people by
    /// full name ("Nguyễn Thị Giám Sát", not "giamsat"). The write path records codes and login names, which outlive
    /// renames; their current names are looked up here, one query for each kind on the page. A code no longer known
    /// stays as recorded.
    /// </summary>
    private static async Task<Dictionary<long, IReadOnlyList<AuditChangeView>>> NameReferencesAsync(
        CommsPlanDbContext db, Dictionary<long, IReadOnlyList<AuditChangeView>> parsed, CancellationToken ct)
    {
        static List<string> Codes(IEnumerable<IReadOnlyList<AuditChangeView>> all, Func<string, bool> property, bool list = false) =>
            [.. all.SelectMany(c => c).Where(c => property(c.Property))
                .SelectMany(c => new[] { c.Before, c.After }).OfType<string>()
                .SelectMany(v => list ? v.Split(ListSeparator) : [v]).Distinct()];

        var agencyCodes = Codes(parsed.Values, AgencyProperties.Contains);
        var targetChannels = parsed.Values.SelectMany(c => c).Select(c => AuditLabels.PartOf(c.Property))
            .Where(p => p?.Part == "Targets").Select(p => p!.Value.Label);
        var channelCodes = Codes(parsed.Values, ChannelProperties.Contains).Concat(targetChannels).Distinct().ToList();
        var objectiveCodes = Codes(parsed.Values, p => p == "Objectives", list: true);
        var themeCodes = Codes(parsed.Values, p => p == "Themes", list: true);
        var logins = Codes(parsed.Values, IsPerson);
        var agencies = agencyCodes.Count == 0 ? [] : await db.Agencies.AsNoTracking().Where(a => agencyCodes.Contains(a.Code))
            .ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        // Each plan year has its own channel rows under the same codes: the latest plan's name stands for the code.
        var channels = channelCodes.Count == 0 ? [] : (await db.Channels.AsNoTracking().Where(c => channelCodes.Contains(c.Code))
                .OrderByDescending(c => c.FormGroup!.PlanId).Select(c => new { c.Code, c.Name }).ToListAsync(ct))
            .DistinctBy(c => c.Code).ToDictionary(c => c.Code, c => c.Name);
        var objectives = await CatalogueNamesAsync(db.Objectives, objectiveCodes, ct);
        var themes = await CatalogueNamesAsync(db.Themes, themeCodes, ct);
        var people = await Access.IssuingBodies.FullNamesAsync(db, logins, ct);
        if (agencies.Count == 0 && channels.Count == 0 && objectives.Count == 0 && themes.Count == 0 && logins.Count == 0) return parsed;

        string? Named(string property, string? value)
        {
            if (value is null) return null;
            if (property is "Objectives" or "Themes")
            {
                var names = property == "Objectives" ? objectives : themes;
                return string.Join(ListSeparator, value.Split(ListSeparator).Select(code => names.GetValueOrDefault(code, code)));
            }
            var known = AgencyProperties.Contains(property) ? agencies
                : ChannelProperties.Contains(property) ? channels
                : IsPerson(property) ? people
                : null;
            return known is not null && known.TryGetValue(value, out var name) ? name : value;
        }
        string Label(AuditChangeView change) => AuditLabels.PartOf(change.Property) is { Part: "Targets", Label: var code }
            && channels.TryGetValue(code, out var channel) ? AuditLabels.Property(change.Property, channel) : change.Label;
        return parsed.ToDictionary(p => p.Key, p => (IReadOnlyList<AuditChangeView>)
            [.. p.Value.Select(c => c with { Label = Label(c), Before = Named(c.Property, c.Before), After = Named(c.Property, c.After) })]);
    }

    /// <summary>Catalogue entries by code as the plan shows them ("MĐ1 Nâng cao nhận thức"); the newest plan's wording for a code.</summary>
    private static async Task<Dictionary<string, string>> CatalogueNamesAsync<T>(IQueryable<T> items, List<string> codes, CancellationToken ct)
        where T : Plans.PlanItem
    {
        if (codes.Count == 0) return [];
        var rows = await items.AsNoTracking().Where(i => codes.Contains(i.Code))
            .Select(i => new { i.Code, i.DisplayCode, i.ShortName, i.PlanId }).ToListAsync(ct);
        return rows.GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.PlanId)
            .Select(r => string.IsNullOrWhiteSpace(r.ShortName) ? r.DisplayCode : $"{r.DisplayCode} {r.ShortName}").First());
    }

    // AuditLabels.Value joins a recorded list with this separator; codes never contain it.
    private const string ListSeparator = ", ";

    private static readonly string[] AgencyProperties = ["Agency", "Successor"];
    private static readonly string[] ChannelProperties = ["Channel"];

    /// <summary>A property that records a person by login name (AnsweredBy, ReviewedBy…).</summary>
    private static bool IsPerson(string property) => property.EndsWith("By", StringComparison.Ordinal) && AuditLabels.PartOf(property) is null;

    /// <summary>The current names of the records <paramref name="entries"/> concern, by (type, id): one query per type present.</summary>
    private static async Task<Dictionary<(string, string), string>> RecordNamesAsync(CommsPlanDbContext db, List<AuditEntry> entries, CancellationToken ct)
    {
        var names = new Dictionary<(string, string), string>();
        var idsByType = entries.GroupBy(e => e.EntityType).ToDictionary(g => g.Key, g => g.Select(e => e.EntityId).Distinct().ToList());

        List<int> NumericIds(string type) => idsByType.TryGetValue(type, out var ids)
            ? [.. ids.Select(id => int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).Where(n => n > 0)]
            : [];
        void Add(string type, IEnumerable<(int Id, string Name)> rows)
        {
            foreach (var (id, name) in rows)
                if (!string.IsNullOrWhiteSpace(name)) names[(type, id.ToString(CultureInfo.InvariantCulture))] = name;
        }

        if (NumericIds(nameof(Activities.Activity)) is { Count: > 0 } activities)
            Add(nameof(Activities.Activity), (await db.Activities.AsNoTracking().Where(a => activities.Contains(a.Id))
                .Select(a => new { a.Id, a.Title }).ToListAsync(ct)).Select(a => (a.Id, a.Title)));
        if (NumericIds(nameof(UnitPlans.UnitPlan)) is { Count: > 0 } plans)
            Add(nameof(UnitPlans.UnitPlan), (await db.UnitPlans.AsNoTracking().Where(p => plans.Contains(p.Id))
                .Select(p => new { p.Id, p.DocumentNumber, Agency = p.Agency!.Name }).ToListAsync(ct))
                .Select(p => (p.Id, $"{p.DocumentNumber} · {p.Agency}")));
        if (NumericIds(nameof(Feedback.Commendation)) is { Count: > 0 } commendations)
            Add(nameof(Feedback.Commendation), (await db.Commendations.AsNoTracking().Where(c => commendations.Contains(c.Id))
                .Select(c => new { c.Id, c.Recipient }).ToListAsync(ct)).Select(c => (c.Id, c.Recipient)));
        if (NumericIds(nameof(Feedback.Difficulty)) is { Count: > 0 } difficulties)
            Add(nameof(Feedback.Difficulty), (await db.Difficulties.AsNoTracking().Where(d => difficulties.Contains(d.Id))
                .Select(d => new { d.Id, d.Title }).ToListAsync(ct)).Select(d => (d.Id, d.Title)));
        if (NumericIds(nameof(Agency)) is { Count: > 0 } agencies)
            Add(nameof(Agency), (await db.Agencies.AsNoTracking().Where(a => agencies.Contains(a.Id))
                .Select(a => new { a.Id, a.Name }).ToListAsync(ct)).Select(a => (a.Id, a.Name)));
        if (NumericIds(nameof(ReportingCycle.PeriodReport)) is { Count: > 0 } reports)
            Add(nameof(ReportingCycle.PeriodReport), (await db.PeriodReports.AsNoTracking().Where(r => reports.Contains(r.Id))
                .Select(r => new { r.Id, r.PeriodKey, Agency = r.Agency!.Name }).ToListAsync(ct))
                .Select(r => (r.Id, ReportingCycle.ReportingPeriods.TryParse(r.PeriodKey, out var period) ? $"{period.Title} · {r.Agency}" : r.Agency)));
        if (NumericIds(nameof(Api.ApiToken)) is { Count: > 0 } tokens)
            Add(nameof(Api.ApiToken), (await db.ApiTokens.AsNoTracking().Where(t => tokens.Contains(t.Id))
                .Select(t => new { t.Id, t.Name, Agency = t.Agency == null ? null : t.Agency.Name }).ToListAsync(ct))
                .Select(t => (t.Id, $"{t.Name} · {t.Agency ?? Api.ApiTokenRules.ProvinceLabel}")));
        if (idsByType.TryGetValue(nameof(AppUser), out var userIds))
        {
            var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
                .Select(u => new { u.Id, u.UserName, u.FullName }).ToListAsync(ct);
            foreach (var user in users)
                names[(nameof(AppUser), user.Id)] = string.IsNullOrWhiteSpace(user.FullName) ? user.UserName ?? user.Id : $"{user.FullName} ({user.UserName})";
        }
        return names;
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

    /// <summary>A deleted record: its name as the change itself recorded it.</summary>
    private static string? NameFromChanges(IReadOnlyList<AuditChangeView> changes)
    {
        foreach (var property in new[] { "Title", "Recipient", "Name", "FullName", "DocumentNumber", "UserName", "Code" })
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

/// <param name="UserName">The login name of who made the change, as recorded (the audit log's filter searches it).</param>
/// <param name="By">Who made the change by full name; the login name when the account is gone.</param>
public sealed record AuditRow(
    long Id, DateTime AtUtc, string UserName, string By, string EntityType, string EntityTypeLabel, string EntityId, string? EntityLabel,
    AuditAction Action, string ActionLabel, IReadOnlyList<AuditChangeView> Changes);

public sealed record AuditTypeOption(string EntityType, string Label);

public sealed record AuditListResult(IReadOnlyList<AuditRow> Items, int TotalCount);
