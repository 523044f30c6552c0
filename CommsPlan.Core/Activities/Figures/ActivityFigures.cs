using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CommsPlan.Core.Activities.Figures;

/// <summary>
/// Keeps the pre-aggregated monitoring figures (<see cref="ActivityFigure"/>, <see cref="ActivityObjectiveFigure"/>,
/// <see cref="ActivityThemeFigure"/>) equal to the activities, in the same transaction as the write that changes them.
/// <para>
/// The write path keeps them (<see cref="FigureChanges"/>, called by <see cref="Data.Writing.WritePipeline"/> for every
/// save and every bulk insert): existing activities a write changes are read before and after it, new ones counted from
/// the values inserted, and the difference is applied. <see cref="RebuildAsync"/> recomputes them for a database whose
/// activities were written without them (an upgrade from before them, the benchmarks' generated files), and
/// <see cref="SubtractAsync"/> serves the benchmarks' reset. No triggers: the SQL is the same on SQLite and PostgreSQL.
/// </para>
/// </summary>
public static class ActivityFigures
{
    /// <summary>Rows of one upsert statement: few round trips, well under both engines' parameter limits.</summary>
    private const int RowsPerStatement = 100;

    /// <summary>Activity ids per read of their state.</summary>
    private const int IdsPerQuery = 500;

    /// <summary>
    /// Takes the activities <paramref name="ids"/> out of the figures, for a writer about to delete them without the
    /// change tracker (the benchmarks' reset). Runs in the context's current transaction, which the caller must have begun.
    /// </summary>
    public static async Task SubtractAsync(CommsPlanDbContext db, IReadOnlyCollection<int> ids, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        var before = await ActivitySnapshot.ReadAsync(db, ids, ct);
        await ApplyAsync(db, before, [], ct);
    }

    /// <summary>
    /// Recomputes every figure from the activities (delete, then GROUP BY over the raw tables): for a database whose
    /// activities were written without maintaining them (an upgrade from before the figures, a generated benchmark
    /// file). In the current transaction if there is one, else in its own.
    /// </summary>
    public static async Task RebuildAsync(CommsPlanDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await db.ActivityFigures.ExecuteDeleteAsync(ct);
            await db.ActivityObjectiveFigures.ExecuteDeleteAsync(ct);
            await db.ActivityThemeFigures.ExecuteDeleteAsync(ct);

            var delta = new FigureDelta();
            var activities = db.Activities.AsNoTracking();
            var cells = await activities
                .GroupBy(a => new { a.AgencyId, a.ChannelId, a.StartDate })
                .Select(g => new
                {
                    g.Key.AgencyId, g.Key.ChannelId, g.Key.StartDate, Activities = g.Count(), Quantity = g.Sum(a => (long)a.Quantity),
                    SecondMeasure = g.Sum(a => a.SecondMeasure ?? 0), Cost = g.Sum(a => a.Cost ?? 0),
                })
                .ToListAsync(ct);
            foreach (var c in cells) delta.AddFigure(c.AgencyId, c.ChannelId, c.StartDate, new Totals(c.Activities, c.Quantity, c.SecondMeasure, c.Cost));
            var objectives = await activities
                .SelectMany(a => a.Objectives, (a, o) => new { a.AgencyId, a.StartDate, ObjectiveId = o.Id })
                .GroupBy(x => new { x.AgencyId, x.StartDate, x.ObjectiveId })
                .Select(g => new { g.Key.AgencyId, g.Key.StartDate, g.Key.ObjectiveId, Activities = g.Count() })
                .ToListAsync(ct);
            foreach (var o in objectives) delta.AddObjective(o.AgencyId, o.ObjectiveId, o.StartDate, o.Activities);
            var themes = await activities
                .SelectMany(a => a.Themes, (a, t) => new { a.AgencyId, a.ChannelId, a.StartDate, ThemeId = t.Id })
                .GroupBy(x => new { x.AgencyId, x.ChannelId, x.StartDate, x.ThemeId })
                .Select(g => new { g.Key.AgencyId, g.Key.ChannelId, g.Key.StartDate, g.Key.ThemeId, Activities = g.Count() })
                .ToListAsync(ct);
            foreach (var t in themes) delta.AddTheme(t.AgencyId, t.ChannelId, t.ThemeId, t.StartDate, t.Activities);

            await WriteAsync(db, delta, ct);
            if (owned is not null) await owned.CommitAsync(ct);
        }
        finally
        {
            if (owned is not null) await owned.DisposeAsync();
        }
    }

    /// <summary>
    /// True when the figures are missing for existing activities: a database created before them, or migrated outside
    /// the app. Two single-row reads; the figures of a database with activities are never empty (zero rows are kept).
    /// </summary>
    public static async Task<bool> NeedsRebuildAsync(CommsPlanDbContext db, CancellationToken ct = default) =>
        !await db.ActivityFigures.AnyAsync(ct) && await db.Activities.AnyAsync(ct);

    /// <summary>Applies the sum of <paramref name="after"/> minus <paramref name="before"/> to the figures, in the current transaction.</summary>
    internal static Task ApplyAsync(CommsPlanDbContext db, ActivitySnapshot before, IEnumerable<ActivitySnapshot> after, CancellationToken ct)
    {
        var delta = new FigureDelta();
        before.AddTo(delta, -1);
        foreach (var snapshot in after) snapshot.AddTo(delta, +1);
        return WriteAsync(db, delta, ct);
    }

    /// <summary>
    /// One upsert per changed key: <c>INSERT … ON CONFLICT (key) DO UPDATE SET x = x + excluded.x</c>, the same SQL on
    /// SQLite and PostgreSQL; on PostgreSQL the unique key makes concurrent writers of one key add up, not collide.
    /// Rows that fall to zero are kept (readers skip them; a rebuild drops them): deleting them would need a second
    /// statement per key, and an activity moved back and forth would delete and re-insert the same row.
    /// </summary>
    private static async Task WriteAsync(CommsPlanDbContext db, FigureDelta delta, CancellationToken ct)
    {
        await UpsertAsync(db, typeof(ActivityFigure), delta.Figures.Where(x => !x.Value.IsZero),
            (x, name) => name switch
            {
                nameof(ActivityFigure.Grain) => x.Key.Grain,
                nameof(ActivityFigure.Day) => x.Key.Day,
                nameof(ActivityFigure.AgencyId) => x.Key.AgencyId,
                nameof(ActivityFigure.ChannelId) => x.Key.ChannelId,
                nameof(ActivityFigure.Activities) => x.Value.Activities,
                nameof(ActivityFigure.Quantity) => x.Value.Quantity,
                nameof(ActivityFigure.SecondMeasure) => x.Value.SecondMeasure,
                nameof(ActivityFigure.Cost) => x.Value.Cost,
                _ => throw new InvalidOperationException($"Unmapped column {name}."),
            }, ct);
        await UpsertAsync(db, typeof(ActivityObjectiveFigure), delta.Objectives.Where(x => x.Value != 0),
            (x, name) => name switch
            {
                nameof(ActivityObjectiveFigure.Grain) => x.Key.Grain,
                nameof(ActivityObjectiveFigure.Day) => x.Key.Day,
                nameof(ActivityObjectiveFigure.AgencyId) => x.Key.AgencyId,
                nameof(ActivityObjectiveFigure.ObjectiveId) => x.Key.ObjectiveId,
                nameof(ActivityObjectiveFigure.Activities) => x.Value,
                _ => throw new InvalidOperationException($"Unmapped column {name}."),
            }, ct);
        await UpsertAsync(db, typeof(ActivityThemeFigure), delta.Themes.Where(x => x.Value != 0),
            (x, name) => name switch
            {
                nameof(ActivityThemeFigure.Grain) => x.Key.Grain,
                nameof(ActivityThemeFigure.Day) => x.Key.Day,
                nameof(ActivityThemeFigure.AgencyId) => x.Key.AgencyId,
                nameof(ActivityThemeFigure.ChannelId) => x.Key.ChannelId,
                nameof(ActivityThemeFigure.ThemeId) => x.Key.ThemeId,
                nameof(ActivityThemeFigure.Activities) => x.Value,
                _ => throw new InvalidOperationException($"Unmapped column {name}."),
            }, ct);
    }

    private static async Task UpsertAsync<T>(CommsPlanDbContext db, Type entity, IEnumerable<T> rows, Func<T, string, object> valueOf,
        CancellationToken ct)
    {
        var type = db.Model.FindEntityType(entity)!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var keys = type.FindPrimaryKey()!.Properties.ToArray();
        var values = type.GetProperties().Where(p => !p.IsPrimaryKey()).ToArray();
        var columns = keys.Concat(values).ToArray();
        string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName(table)!);
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        var conflict =
            $" ON CONFLICT ({string.Join(", ", keys.Select(Column))}) DO UPDATE SET " +
            string.Join(", ", values.Select(v => $"{Column(v)} = {tableName}.{Column(v)} + excluded.{Column(v)}"));
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The figures are written inside the transaction of the change.");

        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder($"INSERT INTO {tableName} ({string.Join(", ", columns.Select(Column))}) VALUES ");
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    var name = sql.GenerateParameterName(string.Create(CultureInfo.InvariantCulture, $"p{r}_{c}"));
                    text.Append(c == 0 ? name : ", " + name);
                    // The column's own mapping makes the parameter (the SQLite date text, the enum as its number), as EF's INSERT.
                    command.Parameters.Add(columns[c].GetRelationalTypeMapping()
                        .CreateParameter(command, name, valueOf(chunk[r], columns[c].Name), nullable: false));
                }
                text.Append(')');
            }
            command.CommandText = text.Append(conflict).ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    internal readonly record struct Totals(int Activities, long Quantity, long SecondMeasure, long Cost)
    {
        public bool IsZero => Activities == 0 && Quantity == 0 && SecondMeasure == 0 && Cost == 0;

        public Totals Plus(Totals other, int sign) => new(Activities + sign * other.Activities, Quantity + sign * other.Quantity,
            SecondMeasure + sign * other.SecondMeasure, Cost + sign * other.Cost);
    }

    /// <summary>Changes to the figures, at both grains, summed per key before anything is written.</summary>
    internal sealed class FigureDelta
    {
        public Dictionary<(FigureGrain Grain, DateOnly Day, int AgencyId, int ChannelId), Totals> Figures { get; } = [];
        public Dictionary<(FigureGrain Grain, DateOnly Day, int AgencyId, int ObjectiveId), int> Objectives { get; } = [];
        public Dictionary<(FigureGrain Grain, DateOnly Day, int AgencyId, int ChannelId, int ThemeId), int> Themes { get; } = [];

        public void AddFigure(int agencyId, int channelId, DateOnly day, Totals totals, int sign = 1)
        {
            foreach (var (grain, at) in Grains(day))
            {
                var key = (grain, at, agencyId, channelId);
                Figures[key] = Figures.GetValueOrDefault(key).Plus(totals, sign);
            }
        }

        public void AddObjective(int agencyId, int objectiveId, DateOnly day, int activities)
        {
            foreach (var (grain, at) in Grains(day))
            {
                var key = (grain, at, agencyId, objectiveId);
                Objectives[key] = Objectives.GetValueOrDefault(key) + activities;
            }
        }

        public void AddTheme(int agencyId, int channelId, int themeId, DateOnly day, int activities)
        {
            foreach (var (grain, at) in Grains(day))
            {
                var key = (grain, at, agencyId, channelId, themeId);
                Themes[key] = Themes.GetValueOrDefault(key) + activities;
            }
        }

        private static (FigureGrain, DateOnly)[] Grains(DateOnly day) =>
            [(FigureGrain.Day, day), (FigureGrain.Month, new DateOnly(day.Year, day.Month, 1))];
    }

    /// <summary>What the figures count of some activities, read from the database: their keys, measures and tags.</summary>
    internal sealed class ActivitySnapshot
    {
        public static ActivitySnapshot Empty { get; } = new([], [], []);

        private readonly List<Fact> _facts;
        private readonly List<(int ActivityId, int ObjectiveId)> _objectives;
        private readonly List<(int ActivityId, int ThemeId)> _themes;

        private ActivitySnapshot(List<Fact> facts, List<(int, int)> objectives, List<(int, int)> themes)
        {
            _facts = facts;
            _objectives = objectives;
            _themes = themes;
        }

        /// <summary>The state of activities held in memory (their ids assigned).</summary>
        public static ActivitySnapshot Of(IEnumerable<Activity> activities)
        {
            var list = activities.ToList();
            return new ActivitySnapshot(
                [.. list.Select(a => new Fact(a.Id, a.AgencyId, a.ChannelId, a.StartDate, a.Quantity, a.SecondMeasure ?? 0, a.Cost ?? 0))],
                [.. list.SelectMany(a => a.Objectives.Select(o => (a.Id, o.Id)))],
                [.. list.SelectMany(a => a.Themes.Select(t => (a.Id, t.Id)))]);
        }

        public static async Task<ActivitySnapshot> ReadAsync(CommsPlanDbContext db, IEnumerable<int> ids, CancellationToken ct)
        {
            var activityType = db.Model.FindEntityType(typeof(Activity))!;
            var objectivesLink = activityType.FindSkipNavigation(nameof(Activity.Objectives))!;
            var themesLink = activityType.FindSkipNavigation(nameof(Activity.Themes))!;
            var facts = new List<Fact>();
            var objectives = new List<(int, int)>();
            var themes = new List<(int, int)>();
            foreach (var chunk in ids.Distinct().Chunk(IdsPerQuery))
            {
                facts.AddRange(await db.Activities.AsNoTracking().Where(a => chunk.Contains(a.Id))
                    .Select(a => new Fact(a.Id, a.AgencyId, a.ChannelId, a.StartDate, a.Quantity, a.SecondMeasure ?? 0, a.Cost ?? 0))
                    .ToListAsync(ct));
                objectives.AddRange(await LinksAsync(db, objectivesLink, chunk, ct));
                themes.AddRange(await LinksAsync(db, themesLink, chunk, ct));
            }
            return new ActivitySnapshot(facts, objectives, themes);
        }

        /// <summary>The (activity, tag) rows of a join table, read directly: no join to the tag's own table.</summary>
        private static async Task<List<(int, int)>> LinksAsync(CommsPlanDbContext db, ISkipNavigation link, int[] ids, CancellationToken ct)
        {
            var join = link.JoinEntityType;
            var activityId = link.ForeignKey.Properties.Single().Name;
            var tagId = join.GetForeignKeys().Single(fk => fk != link.ForeignKey).Properties.Single().Name;
            var rows = await db.Set<Dictionary<string, object>>(join.Name).AsNoTracking()
                .Where(l => ids.Contains(EF.Property<int>(l, activityId)))
                .Select(l => new { ActivityId = EF.Property<int>(l, activityId), TagId = EF.Property<int>(l, tagId) })
                .ToListAsync(ct);
            return [.. rows.Select(r => (r.ActivityId, r.TagId))];
        }

        public void AddTo(FigureDelta delta, int sign)
        {
            var byId = _facts.ToDictionary(f => f.Id);
            foreach (var f in _facts)
                delta.AddFigure(f.AgencyId, f.ChannelId, f.Day, new Totals(1, f.Quantity, f.SecondMeasure, f.Cost), sign);
            foreach (var (activityId, objectiveId) in _objectives)
            {
                if (byId.TryGetValue(activityId, out var f)) delta.AddObjective(f.AgencyId, objectiveId, f.Day, sign);
            }
            foreach (var (activityId, themeId) in _themes)
            {
                if (byId.TryGetValue(activityId, out var f)) delta.AddTheme(f.AgencyId, f.ChannelId, themeId, f.Day, sign);
            }
        }

        private sealed record Fact(int Id, int AgencyId, int ChannelId, DateOnly Day, int Quantity, long SecondMeasure, long Cost);
    }
}

/// <summary>
/// What one write does to the activities the figures count, captured before it: the ids of existing activities it
/// changes or deletes (their state is read before the write and again after it) and the activities it adds (counted
/// from the values written, once their ids exist). The write path builds it from the change tracker for a save and from
/// the rows for a bulk insert (<see cref="Data.Writing.WritePipeline"/>), and applies it in the write's transaction: the
/// figures move with every change, whoever makes it, and never show one that was rolled back.
/// </summary>
internal sealed class FigureChanges
{
    private static readonly ConditionalWeakTable<IModel, IReadOnlyDictionary<IEntityType, IProperty>> LinksByModel = new();

    private readonly List<int> _existing;
    private readonly List<Activity> _added;
    private ActivityFigures.ActivitySnapshot _before = ActivityFigures.ActivitySnapshot.Empty;

    private FigureChanges(List<int> existing, List<Activity> added)
    {
        _existing = existing;
        _added = added;
    }

    /// <summary>True when <paramref name="entry"/> is an activity or one of its objective or theme links.</summary>
    public static bool Concerns(EntityEntry entry) => entry.Entity is Activity || LinksOf(entry.Context.Model).ContainsKey(entry.Metadata);

    /// <summary>The pending changes to activities or their links among <paramref name="changed"/>; null when there are none.</summary>
    public static FigureChanges? Capture(IEnumerable<EntityEntry> changed)
    {
        var existing = new List<int>();
        var added = new List<Activity>();
        foreach (var entry in changed)
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Entity is Activity activity)
            {
                if (entry.State == EntityState.Added) added.Add(activity);
                else existing.Add((int)entry.Property(nameof(Activity.Id)).OriginalValue!);
            }
            else if (LinksOf(entry.Context.Model).TryGetValue(entry.Metadata, out var toActivity))
            {
                // A link of a new activity carries a temporary id: the new activity is counted with its links anyway.
                var property = entry.Property(toActivity.Name);
                if (!property.IsTemporary) existing.Add((int)(entry.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue)!);
            }
        }
        return existing.Count == 0 && added.Count == 0 ? null : new FigureChanges(existing, added);
    }

    /// <summary>New rows of a bulk insert: the activities among them, counted with the objectives and themes they hold.</summary>
    public static FigureChanges? CaptureInserted(IEnumerable<object> rows)
    {
        var added = rows.OfType<Activity>().ToList();
        return added.Count == 0 ? null : new FigureChanges([], added);
    }

    /// <summary>Reads what the changed existing activities count now; inside the write's transaction, before the write.</summary>
    public async Task ReadBeforeAsync(CommsPlanDbContext db, CancellationToken ct) =>
        _before = await ActivityFigures.ActivitySnapshot.ReadAsync(db, _existing, ct);

    /// <summary>
    /// After the write, in its transaction: reads the changed existing activities again, counts the new ones from the
    /// values written (at 10,000 imported rows reading them back cost as much as writing the figures), and applies the
    /// difference.
    /// </summary>
    public async Task ApplyAsync(CommsPlanDbContext db, CancellationToken ct)
    {
        var after = await ActivityFigures.ActivitySnapshot.ReadAsync(db, _existing, ct);
        await ActivityFigures.ApplyAsync(db, _before, [after, ActivityFigures.ActivitySnapshot.Of(_added)], ct);
    }

    /// <summary>Join type of each link of an activity → its column naming the activity.</summary>
    private static IReadOnlyDictionary<IEntityType, IProperty> LinksOf(IModel model) => LinksByModel.GetValue(model, m =>
    {
        var activityType = m.FindEntityType(typeof(Activity))!;
        return new[] { nameof(Activity.Objectives), nameof(Activity.Themes) }
            .Select(n => activityType.FindSkipNavigation(n)!)
            .ToDictionary(l => l.JoinEntityType, l => l.ForeignKey.Properties.Single());
    });
}
