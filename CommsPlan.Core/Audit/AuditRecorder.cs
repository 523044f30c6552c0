using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CommsPlan.Core.Audit;

/// <summary>
/// What one write does to audited records. Captured before the write (the only moment the old values and the
/// database's old links are known) and turned into <see cref="AuditEntry"/> rows after it (the only moment the ids of
/// new rows are known). The write path captures a save from the change tracker (<see cref="CaptureAsync"/>) and a bulk
/// insert from its rows (<see cref="CaptureInserted"/>); both describe a new record the same way (the record, and each
/// link as an added key), and <see cref="BuildAsync"/> turns either into the same entries.
/// </summary>
internal sealed class AuditRecorder
{
    /// <summary>Shown instead of a secret's value: the history says a password changed, never what it is.</summary>
    public const string Redacted = "***";

    private static readonly HashSet<string> StampProperties =
        [nameof(ITracked.CreatedBy), nameof(ITracked.CreatedAt), nameof(ITracked.UpdatedBy), nameof(ITracked.UpdatedAt)];

    // Identity bookkeeping (derived copies, tokens, counters that change on every sign-in) and Identity features
    // CommsPlan does not use (confirmations, two-factor): noise in a history.
    private static readonly HashSet<string> IdentityNoise =
    [
        nameof(IdentityUser.SecurityStamp), nameof(IdentityUser.ConcurrencyStamp), nameof(IdentityUser.NormalizedUserName),
        nameof(IdentityUser.NormalizedEmail), nameof(IdentityUser.AccessFailedCount), nameof(IdentityUser.EmailConfirmed),
        nameof(IdentityUser.PhoneNumberConfirmed), nameof(IdentityUser.TwoFactorEnabled), nameof(IdentityUser.LockoutEnabled),
    ];

    private static readonly HashSet<string> IdentitySecrets = [nameof(IdentityUser.PasswordHash)];

    private static readonly ConditionalWeakTable<IModel, IReadOnlyDictionary<IEntityType, LinkInfo>> LinksByModel = new();

    // Stored for people and the audit page, never embedded in HTML: Vietnamese stays readable in the database.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<Record> _records = [];
    private readonly Dictionary<(string, object), string?> _displayCache = [];

    // Lookups by entity and by key, so a save of thousands of records with their links (the demo year, an
    // import) costs linear time instead of a scan of the change tracker per link.
    private readonly Dictionary<object, Record> _recordsByEntity = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(IEntityType, object), Record> _untrackedRecords = [];
    private Dictionary<IEntityType, Dictionary<object, EntityEntry>>? _trackedByKey;

    public bool IsEmpty => _records.Count == 0;

    /// <summary>True when a change of <paramref name="entry"/> belongs in a history: an audited record, a part of one, or a link of one.</summary>
    public static bool Concerns(EntityEntry entry) =>
        entry.Entity is IAudited or IAuditedPart || LinksByModel.GetValue(entry.Context.Model, FindLinks).ContainsKey(entry.Metadata);

    /// <summary>The audited records among <paramref name="changed"/> (the change tracker's added, modified and deleted entries).</summary>
    public static async Task<AuditRecorder> CaptureAsync(CommsPlanDbContext db, IReadOnlyList<EntityEntry> changed, CancellationToken ct)
    {
        var recorder = new AuditRecorder();
        if (changed.Count == 0) return recorder;
        var links = LinksByModel.GetValue(db.Model, FindLinks);

        // Labels are looked up with Find, which may start tracking more entities while the capture runs.
        db.ChangeTracker.Tracked += recorder.OnTracked;
        try
        {
            foreach (var entry in changed.Where(e => e.Entity is IAudited and not IAuditedPart))
                await recorder.CaptureRecordAsync(db, entry, ct);
            foreach (var entry in changed.Where(e => e.Entity is IAuditedPart))
                await recorder.CapturePartAsync(db, entry, ct);
            foreach (var entry in changed)
            {
                if (links.TryGetValue(entry.Metadata, out var link)) recorder.CaptureLink(db, entry, link);
            }
            await recorder.LoadLinksBeforeAsync(db, links.Values, ct);
        }
        finally
        {
            db.ChangeTracker.Tracked -= recorder.OnTracked;
        }

        recorder._records.RemoveAll(r => r.IsEmptyUpdate);
        return recorder;
    }

    /// <summary>
    /// New rows of one type written without the change tracker (the write path's bulk insert), described as the change
    /// tracker describes new records: each one created, each of its many-to-many links an added key.
    /// </summary>
    /// <exception cref="InvalidOperationException">The type has audited parts: a bulk insert does not write them.</exception>
    public static AuditRecorder CaptureInserted(IEntityType type, IEnumerable<object> rows)
    {
        var recorder = new AuditRecorder();
        if (!typeof(IAudited).IsAssignableFrom(type.ClrType)) return recorder;
        if (type.GetReferencingForeignKeys().Any(fk => typeof(IAuditedPart).IsAssignableFrom(fk.DeclaringEntityType.ClrType)))
            throw new InvalidOperationException($"{type.ClrType.Name} has audited parts, which a bulk insert does not write.");
        var links = LinksByModel.GetValue(type.Model, FindLinks).Values.Where(l => l.OwnerFk.PrincipalEntityType == type).ToList();
        foreach (var row in rows)
        {
            var record = new Record { EntityType = type.ClrType.Name, Entity = row, Metadata = type, Action = AuditAction.Created };
            foreach (var link in links)
            {
                var navigation = link.Navigation
                    ?? throw new InvalidOperationException($"{type.ClrType.Name}.{link.Name} has no collection a bulk insert could read its links from.");
                var capture = record.Links[link.Name] = new LinkCapture { Info = link };
                var targetKey = link.TargetFk.PrincipalKey.Properties[0].GetGetter();
                foreach (var target in (System.Collections.IEnumerable?)navigation.GetGetter().GetClrValue(row) ?? Array.Empty<object>())
                    capture.Added.Add(targetKey.GetClrValue(target)!);
            }
            recorder._records.Add(record);
        }
        return recorder;
    }

    /// <summary>The audit rows, once the write has given new records their ids; <paramref name="at"/> is the write's time.</summary>
    public async ValueTask<List<AuditEntry>> BuildAsync(CommsPlanDbContext db, DateTime at, CancellationToken ct)
    {
        var result = new List<AuditEntry>(_records.Count);
        foreach (var record in _records)
        {
            if (record.Action == AuditAction.Created && record.Entity is { } entity)
            {
                if (record.Entry is { State: not EntityState.Unchanged })
                    throw new InvalidOperationException(
                        "Audited saves must accept their changes: SaveChanges(acceptAllChangesOnSuccess: false) is not supported.");
                // A new record is described from its values as written, whether the change tracker or a bulk insert wrote it.
                record.Id = KeyString(record.Metadata, entity);
                await AddValuesAsync(db, record.Changes, record.Metadata, entity, _ => null, p => ValueOf(p, entity, record.Entry),
                    prefix: null, skip: [], AuditAction.Created, ct);
            }
            foreach (var part in record.Parts.Where(p => p.Action == AuditAction.Created))
            {
                var label = await PartLabelAsync(db, part.Entry, part.LabelFk, original: false, ct);
                await AddValuesAsync(db, part.Changes, part.Entry, $"{part.Name}[{label}].", part.Skip, AuditAction.Created, ct);
            }

            // The record's own object becomes the entry's (a recorder is built once): no copy of every value.
            var changes = record.Changes;
            foreach (var part in record.Parts)
            {
                foreach (var (name, value) in part.Changes) changes[name] = value?.DeepClone();
            }
            foreach (var link in record.Links.Values)
            {
                var after = record.Action == AuditAction.Deleted
                    ? []
                    : link.Before.Except(link.Removed).Concat(link.Added).Distinct().ToList();
                var beforeText = await DisplayAllAsync(db, link.Info.TargetFk.PrincipalEntityType, link.Before, ct);
                var afterText = await DisplayAllAsync(db, link.Info.TargetFk.PrincipalEntityType, after, ct);
                if (beforeText.SequenceEqual(afterText)) continue;
                changes[link.Info.Name] = Change(ToArray(beforeText), ToArray(afterText));
            }
            if (record.Action == AuditAction.Updated && changes.Count == 0) continue;

            result.Add(new AuditEntry
            {
                EntityType = record.EntityType,
                EntityId = record.Id ?? throw new InvalidOperationException($"No id for the audited {record.EntityType}."),
                Action = record.Action,
                UserId = db.Actor.UserId,
                UserName = db.Actor.UserName,
                At = at,
                Changes = changes.ToJsonString(JsonOptions),
            });
        }
        return result;
    }

    private async ValueTask CaptureRecordAsync(CommsPlanDbContext db, EntityEntry entry, CancellationToken ct)
    {
        var record = new Record
        {
            EntityType = entry.Metadata.ClrType.Name,
            Entry = entry,
            Entity = entry.Entity,
            Metadata = entry.Metadata,
            Action = ActionOf(entry.State),
            Id = entry.State == EntityState.Added ? null : KeyString(entry, original: entry.State == EntityState.Deleted),
        };
        _records.Add(record);
        _recordsByEntity[entry.Entity] = record;
        // New records are described after the save, when their ids and generated values exist.
        if (record.Action != AuditAction.Created)
            await AddValuesAsync(db, record.Changes, entry, prefix: null, skip: [], record.Action, ct);
    }

    private async ValueTask CapturePartAsync(CommsPlanDbContext db, EntityEntry entry, CancellationToken ct)
    {
        // The owner holds its parts (UnitPlan.Targets); another audited record a part refers to (its channel) only labels it.
        var ownerFk = entry.Metadata.GetForeignKeys().Where(fk => typeof(IAudited).IsAssignableFrom(fk.PrincipalEntityType.ClrType))
                .OrderBy(fk => fk.PrincipalToDependent is null).FirstOrDefault()
            ?? throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} is an audited part but has no foreign key to an audited record.");
        var labelFk = entry.Metadata.GetForeignKeys().FirstOrDefault(fk => fk != ownerFk && fk.Properties.Count == 1);
        var original = entry.State == EntityState.Deleted;
        var owner = RecordFor(db, ownerFk.PrincipalEntityType, ForeignKeyValue(entry, ownerFk, original));
        var part = new PartRecord
        {
            Entry = entry,
            Action = ActionOf(entry.State),
            Name = ownerFk.PrincipalToDependent?.Name ?? entry.Metadata.ClrType.Name,
            LabelFk = labelFk,
            // The owner is the record itself; the label (BAO in Targets[BAO]) already names the part, except when it changes.
            Skip = entry.State == EntityState.Modified || labelFk is null ? [ownerFk] : [ownerFk, labelFk],
        };
        owner.Parts.Add(part);
        if (part.Action != AuditAction.Created)
        {
            var label = await PartLabelAsync(db, entry, labelFk, original, ct);
            await AddValuesAsync(db, part.Changes, entry, $"{part.Name}[{label}].", part.Skip, part.Action, ct);
        }
    }

    private void CaptureLink(CommsPlanDbContext db, EntityEntry entry, LinkInfo link)
    {
        if (entry.State is not (EntityState.Added or EntityState.Deleted)) return;
        var original = entry.State == EntityState.Deleted;
        var owner = RecordFor(db, link.OwnerFk.PrincipalEntityType, ForeignKeyValue(entry, link.OwnerFk, original));
        var capture = owner.Links.TryGetValue(link.Name, out var existing) ? existing : owner.Links[link.Name] = new LinkCapture { Info = link };
        var target = ForeignKeyValue(entry, link.TargetFk, original);
        (original ? capture.Removed : capture.Added).Add(target);
    }

    /// <summary>The links a changed record had before this save, read from the database before it is written.</summary>
    private async ValueTask LoadLinksBeforeAsync(CommsPlanDbContext db, IEnumerable<LinkInfo> allLinks, CancellationToken ct)
    {
        foreach (var record in _records)
        {
            if (record.Action == AuditAction.Created) continue;
            if (record.Action == AuditAction.Deleted)
            {
                // A deleted record's links go with it (often by cascade in the database): say what they were.
                foreach (var link in allLinks.Where(l => l.OwnerFk.PrincipalEntityType == record.Metadata))
                {
                    if (!record.Links.ContainsKey(link.Name)) record.Links[link.Name] = new LinkCapture { Info = link };
                }
            }
            foreach (var capture in record.Links.Values)
            {
                var key = record.OwnerKey ?? record.Entry!.Property(record.Metadata.FindPrimaryKey()!.Properties[0].Name).OriginalValue!;
                capture.Before = await LoadLinkedKeysAsync(db, capture.Info, key, ct);
            }
        }
    }

    private Record RecordFor(CommsPlanDbContext db, IEntityType ownerType, object ownerKey)
    {
        var tracked = FindTracked(db, ownerType, ownerKey);
        // Entries() wraps the same tracked entity in a new EntityEntry each time: compare the entities.
        var existing = tracked is not null
            ? _recordsByEntity.GetValueOrDefault(tracked.Entity)
            : _untrackedRecords.GetValueOrDefault((ownerType, ownerKey));
        if (existing is not null) return existing;
        // The record itself did not change (or is not loaded): its part or links did, so it was updated.
        var record = new Record
        {
            EntityType = ownerType.ClrType.Name,
            Entry = tracked,
            Entity = tracked?.Entity,
            Action = AuditAction.Updated,
            Id = Convert.ToString(ownerKey, CultureInfo.InvariantCulture),
            OwnerKey = tracked is null ? ownerKey : null,
            Metadata = ownerType,
        };
        _records.Add(record);
        if (tracked is not null) _recordsByEntity[tracked.Entity] = record;
        else _untrackedRecords[(ownerType, ownerKey)] = record;
        return record;
    }

    /// <summary>The tracked entity of <paramref name="ownerType"/> (or a derived type) whose key is <paramref name="ownerKey"/>.</summary>
    private EntityEntry? FindTracked(CommsPlanDbContext db, IEntityType ownerType, object ownerKey)
    {
        if (_trackedByKey is null)
        {
            _trackedByKey = [];
            foreach (var entry in db.ChangeTracker.Entries()) IndexTracked(entry);
        }
        return _trackedByKey.TryGetValue(ownerType.GetRootType(), out var byKey) && byKey.TryGetValue(ownerKey, out var found)
            && ownerType.IsAssignableFrom(found.Metadata) ? found : null;
    }

    private void OnTracked(object? sender, EntityTrackedEventArgs e)
    {
        if (_trackedByKey is not null) IndexTracked(e.Entry);
    }

    private void IndexTracked(EntityEntry entry)
    {
        if (entry.Metadata.FindPrimaryKey() is not { } key) return;
        if (entry.Property(key.Properties[0].Name).CurrentValue is not { } value) return;
        var root = entry.Metadata.GetRootType();
        if (!_trackedByKey!.TryGetValue(root, out var byKey)) _trackedByKey[root] = byKey = [];
        byKey.TryAdd(value, entry);
    }

    /// <summary>Adds the recorded properties of <paramref name="entry"/>: every one for a create or delete, the changed ones for an update.</summary>
    private ValueTask AddValuesAsync(
        CommsPlanDbContext db, JsonObject target, EntityEntry entry, string? prefix, IReadOnlyCollection<IForeignKey> skip, AuditAction action,
        CancellationToken ct) =>
        AddValuesAsync(db, target, entry.Metadata, entry.Entity, p => entry.Property(p.Name).OriginalValue, p => entry.Property(p.Name).CurrentValue,
            prefix, skip, action, ct);

    private async ValueTask AddValuesAsync(
        CommsPlanDbContext db, JsonObject target, IEntityType type, object entity, Func<IProperty, object?> original, Func<IProperty, object?> current,
        string? prefix, IReadOnlyCollection<IForeignKey> skip, AuditAction action, CancellationToken ct)
    {
        var isUser = entity is IdentityUser;
        foreach (var property in type.GetProperties())
        {
            if (property.IsPrimaryKey() || property.IsConcurrencyToken) continue;
            if (entity is ITracked && StampProperties.Contains(property.Name)) continue;
            // A derived copy of the record's texts, like Identity's normalized names.
            if (entity is ISearchable && property.Name == nameof(ISearchable.SearchKey)) continue;
            if (isUser && IdentityNoise.Contains(property.Name)) continue;
            if (property.PropertyInfo?.IsDefined(typeof(NotAuditedAttribute)) == true) continue;
            if (skip.Any(fk => fk.Properties.Contains(property))) continue;

            var before = action == AuditAction.Created ? null : original(property);
            var after = action == AuditAction.Deleted ? null : current(property);
            if (action == AuditAction.Updated && Equals(before, after)) continue;
            if (action != AuditAction.Updated && before is null && after is null) continue;

            if (isUser && IdentitySecrets.Contains(property.Name))
            {
                target[prefix + property.Name] = Change(before is null ? null : Redacted, after is null ? null : Redacted);
                continue;
            }
            var fk = property.GetContainingForeignKeys().FirstOrDefault(f => f.Properties.Count == 1 && f.DependentToPrincipal is not null);
            if (fk is not null)
            {
                target[prefix + fk.DependentToPrincipal!.Name] = Change(
                    ToJson(await DisplayAsync(db, fk.PrincipalEntityType, before, ct)),
                    ToJson(await DisplayAsync(db, fk.PrincipalEntityType, after, ct)));
                continue;
            }
            target[prefix + property.Name] = Change(ToJson(before), ToJson(after));
        }
    }

    private async ValueTask<string> PartLabelAsync(
        CommsPlanDbContext db, EntityEntry entry, IForeignKey? labelFk, bool original, CancellationToken ct) =>
        labelFk is null
            ? KeyString(entry, original)
            : await DisplayAsync(db, labelFk.PrincipalEntityType, ForeignKeyValue(entry, labelFk, original), ct) ?? "";

    /// <summary>A referenced record as people know it: its code, user name or name (STP, BAO, tuphap…).</summary>
    private async ValueTask<string?> DisplayAsync(CommsPlanDbContext db, IEntityType type, object? key, CancellationToken ct)
    {
        if (key is null) return null;
        if (_displayCache.TryGetValue((type.Name, key), out var cached)) return cached;
        var entity = await db.FindAsync(type.ClrType, [key], ct);
        string? text = null;
        if (entity is not null)
        {
            var name = new[] { "Code", nameof(IdentityUser.UserName), "Name" }.FirstOrDefault(n => type.FindProperty(n) is not null);
            if (name is not null) text = Convert.ToString(db.Entry(entity).Property(name).CurrentValue, CultureInfo.InvariantCulture);
        }
        text ??= Convert.ToString(key, CultureInfo.InvariantCulture);
        _displayCache[(type.Name, key)] = text;
        return text;
    }

    private async ValueTask<List<string>> DisplayAllAsync(CommsPlanDbContext db, IEntityType type, IEnumerable<object> keys, CancellationToken ct)
    {
        var texts = new List<string>();
        foreach (var key in keys) texts.Add(await DisplayAsync(db, type, key, ct) ?? "");
        texts.Sort(StringComparer.Ordinal);
        return texts;
    }

    private static async ValueTask<List<object>> LoadLinkedKeysAsync(CommsPlanDbContext db, LinkInfo link, object ownerKey, CancellationToken ct)
    {
        var method = typeof(AuditRecorder).GetMethod(nameof(QueryLinked), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(link.JoinType.ClrType, link.OwnerFk.Properties[0].ClrType);
        var query = (IQueryable<object>)method.Invoke(null, [db, link, ownerKey])!;
        return await query.ToListAsync(ct);
    }

    private static IQueryable<object> QueryLinked<TJoin, TKey>(CommsPlanDbContext db, LinkInfo link, TKey ownerKey) where TJoin : class
    {
        var set = link.JoinType.HasSharedClrType ? db.Set<TJoin>(link.JoinType.Name) : db.Set<TJoin>();
        var row = Expression.Parameter(typeof(TJoin), "row");
        Expression<Func<TKey>> key = () => ownerKey; // a closure, so the key becomes a SQL parameter
        var where = Expression.Lambda<Func<TJoin, bool>>(Expression.Equal(PropertyOf(row, link.OwnerFk.Properties[0]), key.Body), row);
        var select = Expression.Lambda<Func<TJoin, object>>(Expression.Convert(PropertyOf(row, link.TargetFk.Properties[0]), typeof(object)), row);
        return set.AsNoTracking().Where(where).Select(select);
    }

    private static MethodCallExpression PropertyOf(ParameterExpression row, IProperty property) =>
        Expression.Call(typeof(EF), nameof(EF.Property), [property.ClrType], row, Expression.Constant(property.Name));

    /// <summary>
    /// Link tables whose rows are part of an audited record's state: the skip navigations of audited entities
    /// (an activity's objectives and themes) and a user's roles.
    /// </summary>
    private static IReadOnlyDictionary<IEntityType, LinkInfo> FindLinks(IModel model)
    {
        var links = new Dictionary<IEntityType, LinkInfo>();
        foreach (var type in model.GetEntityTypes().Where(t => typeof(IAudited).IsAssignableFrom(t.ClrType)))
        {
            // Only navigations the class declares: EF gives the other side of a one-way many-to-many (a theme's activities)
            // a shadow one, and those links are the history of the record that declares them (the activity).
            foreach (var skip in type.GetSkipNavigations().Where(s => !s.IsShadowProperty()))
            {
                var join = skip.JoinEntityType;
                var targetFk = join.GetForeignKeys().Single(fk => fk != skip.ForeignKey);
                links[join] = new LinkInfo(join, skip.ForeignKey, targetFk, skip.Name, skip);
            }
        }
        if (model.FindEntityType(typeof(IdentityUserRole<string>)) is { } userRoles)
        {
            var userFk = userRoles.GetForeignKeys().SingleOrDefault(fk => fk.PrincipalEntityType.ClrType == typeof(AppUser));
            var roleFk = userRoles.GetForeignKeys().SingleOrDefault(fk => fk.PrincipalEntityType.ClrType == typeof(IdentityRole));
            if (userFk is not null && roleFk is not null) links[userRoles] = new LinkInfo(userRoles, userFk, roleFk, "Roles", null);
        }
        return links;
    }

    private static object ForeignKeyValue(EntityEntry entry, IForeignKey fk, bool original)
    {
        var property = entry.Property(fk.Properties[0].Name);
        return (original ? property.OriginalValue : property.CurrentValue)
            ?? throw new InvalidOperationException($"{entry.Metadata.ClrType.Name}.{fk.Properties[0].Name} is empty.");
    }

    private static string KeyString(EntityEntry entry, bool original) =>
        string.Join("|", entry.Metadata.FindPrimaryKey()!.Properties.Select(p =>
            Convert.ToString(original ? entry.Property(p.Name).OriginalValue : entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));

    /// <summary>The key of a record as its values hold it (the database's id once written), "a|b" for a composite key.</summary>
    private static string KeyString(IEntityType type, object entity) =>
        string.Join("|", type.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(p.GetGetter().GetClrValue(entity), CultureInfo.InvariantCulture)));

    /// <summary>A property's value as written: from the entity itself, or from the change tracker for a shadow property.</summary>
    private static object? ValueOf(IProperty property, object entity, EntityEntry? entry) =>
        property.IsShadowProperty() ? entry?.Property(property.Name).CurrentValue : property.GetGetter().GetClrValue(entity);

    private static AuditAction ActionOf(EntityState state) => state switch
    {
        EntityState.Added => AuditAction.Created,
        EntityState.Deleted => AuditAction.Deleted,
        _ => AuditAction.Updated,
    };

    private static JsonObject Change(JsonNode? before, JsonNode? after) => new() { ["before"] = before, ["after"] = after };

    private static JsonArray ToArray(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    /// <summary>Values as readable, culture-free JSON: enums by name, dates as ISO text.</summary>
    internal static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        Enum e => JsonValue.Create(e.ToString()),
        int or long or short or byte => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        decimal d => JsonValue.Create(d),
        double or float => JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTime dt => JsonValue.Create(dt.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
        DateTimeOffset dto => JsonValue.Create(dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private sealed class Record
    {
        public required string EntityType { get; init; }
        /// <summary>The change tracker's entry; null for a row of a bulk insert, or a record not loaded (only its parts or links changed).</summary>
        public EntityEntry? Entry { get; init; }
        public object? Entity { get; init; }
        public required IEntityType Metadata { get; init; }
        /// <summary>The key of a record that is not tracked (only its parts or links changed).</summary>
        public object? OwnerKey { get; init; }
        public AuditAction Action { get; init; }
        public string? Id { get; set; }
        public JsonObject Changes { get; } = [];
        public List<PartRecord> Parts { get; } = [];
        public Dictionary<string, LinkCapture> Links { get; } = [];

        public bool IsEmptyUpdate => Action == AuditAction.Updated && Changes.Count == 0 && Parts.Count == 0
            && Links.Values.All(l => l.Added.Count == 0 && l.Removed.Count == 0);
    }

    private sealed class PartRecord
    {
        public required EntityEntry Entry { get; init; }
        public required AuditAction Action { get; init; }
        public required string Name { get; init; }
        public IForeignKey? LabelFk { get; init; }
        public required IReadOnlyCollection<IForeignKey> Skip { get; init; }
        public JsonObject Changes { get; } = [];
    }

    private sealed class LinkCapture
    {
        public required LinkInfo Info { get; init; }
        public List<object> Added { get; } = [];
        public List<object> Removed { get; } = [];
        public List<object> Before { get; set; } = [];
    }

    /// <summary>A link table of an audited record; <see cref="Navigation"/> is the record's collection of linked records, when it has one.</summary>
    private sealed record LinkInfo(IEntityType JoinType, IForeignKey OwnerFk, IForeignKey TargetFk, string Name, ISkipNavigation? Navigation);
}
