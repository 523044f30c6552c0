using System.Diagnostics;
using System.Globalization;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.Plans;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CommsPlan.Benchmarks;

/// <summary>
/// Fills a SQLite file with a deterministic plan year: the real schema (migrations) and catalogue (33 agencies, 14
/// channels, MĐ1–MĐ4, ND1–ND4), then <c>activities</c> spread over every agency, channel, month, objective and
/// theme, a unit plan with a target per channel for most agencies, and a few difficulties. The same arguments
/// always give the same rows, so two runs (or a test and a benchmark) measure the same data.
/// </summary>
public static class DataGenerator
{
    /// <summary>The plan year every generated activity falls in (the seeded plan 20/KH-UBND).</summary>
    public const int Year = 2021;

    /// <summary>Bumped whenever the rows generated for the same arguments change, so cached files are rebuilt.</summary>
    public const int Version = 3;

    /// <summary>The day the benchmarks treat as today: the plan's last day, so the whole year has happened.</summary>
    public static readonly DateOnly Today = new(Year, 12, 31);

    public static IDbContextFactory<CommsPlanDbContext> Factory(string file) =>
        Factory(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ToString());

    /// <summary>
    /// The app's context factory for either engine (PostgreSQL needs its own context type), configured by the app's
    /// UseCommsPlan: every save the benchmarks make pays what production pays.
    /// </summary>
    public static CommsPlanDbContextFactory Factory(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<CommsPlanDbContext>();
        options.UseCommsPlan(provider, connectionString);
        return new CommsPlanDbContextFactory(options.Options, provider);
    }

    /// <summary>Creates <paramref name="file"/> (replacing it) with <paramref name="activities"/> activities.</summary>
    public static async Task GenerateAsync(string file, int activities, int seed = 2021, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(activities);
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
        {
            if (File.Exists(path)) File.Delete(path);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var factory = Factory(file);
        await DatabaseInitializer.InitializeAsync(factory, ct);
        var catalogue = await ReadCatalogueAsync(factory, ct);

        var random = new Random(seed);
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;", ct);
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct))
        {
            InsertActivities(connection, transaction, Activities(catalogue, activities, random));
            InsertUnitPlans(connection, transaction, UnitPlans(catalogue, activities, random));
            await transaction.CommitAsync(ct);
        }
        // The rows went in without the context, so the monitoring figures are computed from them, as an upgrade does.
        await RebuildFiguresAsync(factory, ct);
        await ExecuteAsync(connection, "ANALYZE;", ct);
        await connection.CloseAsync();

        await AddDifficultiesAsync(factory, catalogue, activities, random, ct);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// Fills the existing, empty PostgreSQL database of <paramref name="connectionString"/> with the same rows as
    /// <see cref="GenerateAsync"/> (same arguments, same rows), loaded by binary COPY.
    /// </summary>
    public static async Task GeneratePostgreSqlAsync(string connectionString, int activities, int seed = 2021, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(activities);
        var factory = Factory(DatabaseProvider.PostgreSQL, connectionString);
        await DatabaseInitializer.InitializeAsync(factory, ct);
        var catalogue = await ReadCatalogueAsync(factory, ct);

        var random = new Random(seed);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using (var transaction = await connection.BeginTransactionAsync(ct))
            {
                await CopyActivitiesAsync(connection, Activities(catalogue, activities, random), ct);
                await CopyUnitPlansAsync(connection, UnitPlans(catalogue, activities, random).ToList(), ct);
                // The ids were written explicitly: move the identity sequences past them, or the app's next insert collides.
                await ExecuteAsync(connection, """
                    SELECT setval(pg_get_serial_sequence('"Activities"', 'Id'), COALESCE(MAX("Id"), 0) + 1, false) FROM "Activities";
                    SELECT setval(pg_get_serial_sequence('"UnitPlans"', 'Id'), COALESCE(MAX("Id"), 0) + 1, false) FROM "UnitPlans";
                    """, ct);
                await transaction.CommitAsync(ct);
            }
            await RebuildFiguresAsync(factory, ct);
            await ExecuteAsync(connection, "ANALYZE;", ct);
        }

        await AddDifficultiesAsync(factory, catalogue, activities, random, ct);
        await using (var connection = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(connection);
    }

    private static async Task RebuildFiguresAsync(IDbContextFactory<CommsPlanDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await CommsPlan.Core.Activities.Figures.ActivityFigures.RebuildAsync(db, ct);
    }

    private static async Task<Catalogue> ReadCatalogueAsync(IDbContextFactory<CommsPlanDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return new Catalogue(
            await db.Plans.AsNoTracking().CurrentFirst(DateOnly.MaxValue).Select(p => p.Id).FirstAsync(ct),
            await db.Agencies.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToArrayAsync(ct),
            await db.Channels.AsNoTracking().OrderBy(c => c.Id).Select(c => new ChannelInfo(c.Id, c.Code, c.SecondMeasureUnit != null)).ToArrayAsync(ct),
            await db.Objectives.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Id).ToArrayAsync(ct),
            await db.Themes.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).ToArrayAsync(ct),
            await db.Districts.AsNoTracking().OrderBy(d => d.Id).Select(d => d.Id).ToArrayAsync(ct));
    }

    /// <summary>A few difficulties (the overview flags the stale open ones), through EF: they are few.</summary>
    private static async Task AddDifficultiesAsync(IDbContextFactory<CommsPlanDbContext> factory, Catalogue catalogue, int activities, Random random, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var count = Math.Max(5, activities / 2_000);
        for (var i = 0; i < count; i++)
        {
            var raised = new DateOnly(Year, 1, 1).AddDays(random.Next(365));
            // UTC: PostgreSQL's timestamptz takes no other kind; SQLite stores the same text either way.
            var at = DateTime.SpecifyKind(raised.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);
            db.Difficulties.Add(new Difficulty
            {
                AgencyId = catalogue.Agencies[random.Next(catalogue.Agencies.Length)],
                Title = $"Khó khăn số {i + 1} khi triển khai tuyên truyền",
                Content = "Thiếu kinh phí in tờ rơi và bố trí hội nghị ở cấp xã.",
                RaisedOn = raised,
                Status = random.Next(3) == 0 ? DifficultyStatus.Answered : DifficultyStatus.Open,
                Answer = null,
                CreatedBy = "generator",
                UpdatedBy = "generator",
                CreatedAt = at,
                UpdatedAt = at,
                Version = 1,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Returns a generated file for <paramref name="activities"/> under <paramref name="folder"/>, generating it only
    /// when no file of this generator version and schema exists yet.
    /// </summary>
    public static async Task<string> EnsureAsync(string folder, int activities, Action<string>? log = null, CancellationToken ct = default)
    {
        var schema = SchemaKey("Sqlite", "-");
        var file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"activities-{activities}-v{Version}-{schema}.db"));
        if (File.Exists(file)) return file;
        var watch = Stopwatch.StartNew();
        var building = file + ".building";
        await GenerateAsync(building, activities, ct: ct);
        File.Move(building, file);
        log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"generated {activities:N0} activities in {watch.Elapsed.TotalSeconds:F1} s: {file}"));
        return file;
    }

    /// <summary>
    /// The PostgreSQL counterpart of <see cref="EnsureAsync"/>: a database <c>commsplan_bench_&lt;scale&gt;_v&lt;Version&gt;_&lt;schema&gt;</c>
    /// on the server of <paramref name="adminConnectionString"/>, generated only when missing; returns its connection string.
    /// </summary>
    public static async Task<string> EnsurePostgreSqlAsync(string adminConnectionString, int activities, Action<string>? log = null, CancellationToken ct = default)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"commsplan_bench_{activities}_v{Version}_{SchemaKey("PostgreSQL", "_")}");
        var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ToString();
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = @name", admin))
        {
            exists.Parameters.AddWithValue("name", name);
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0) return connectionString;
        }
        var watch = Stopwatch.StartNew();
        // Built under a name of its own and renamed when complete, as the files are: an interrupted run leaves no half database.
        var building = name + "_building";
        await ExecuteAsync(admin, $"""DROP DATABASE IF EXISTS "{building}" WITH (FORCE)""", ct);
        await ExecuteAsync(admin, $"""CREATE DATABASE "{building}" TEMPLATE template0""", ct);
        var buildingConnection = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = building }.ToString();
        await GeneratePostgreSqlAsync(buildingConnection, activities, ct: ct);
        await using (var connection = new NpgsqlConnection(buildingConnection)) NpgsqlConnection.ClearPool(connection);
        await ExecuteAsync(admin, $"""ALTER DATABASE "{building}" RENAME TO "{name}" """, ct);
        log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"generated {activities:N0} activities in {watch.Elapsed.TotalSeconds:F1} s: PostgreSQL database {name}"));
        return connectionString;
    }

    /// <summary>
    /// The engine's migrations as a key: their count (migrations merged from parallel branches can add one that sorts
    /// before the latest) and the latest one (its timestamp only on PostgreSQL, whose names stop at 63 characters).
    /// </summary>
    private static string SchemaKey(string folder, string separator)
    {
        var migrations = typeof(CommsPlanDbContext).Assembly.GetTypes()
            .Where(t => t.Namespace == "CommsPlan.Core.Data.Migrations." + folder)
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false))
            .Where(a => a.Length > 0)
            .Select(a => ((Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute)a[0]).Id)
            .ToList();
        var latest = migrations.DefaultIfEmpty("none").Max()!;
        if (separator == "_") latest = latest.Split('_')[0];
        return string.Create(CultureInfo.InvariantCulture, $"{migrations.Count}{separator}{latest}");
    }

    /// <summary>
    /// The activities, drawn lazily from <paramref name="random"/> in one fixed order (each engine's writer consumes
    /// the same sequence, so both hold the same rows).
    /// </summary>
    private static IEnumerable<GeneratedActivity> Activities(Catalogue catalogue, int count, Random random)
    {
        var first = new DateOnly(Year, 1, 1);
        const int days = 365;
        for (var i = 0; i < count; i++)
        {
            var id = i + 1;
            // Logged roughly in date order, as a year of real entries is, with a few days of jitter.
            var day = Math.Clamp((int)((long)i * days / Math.Max(count, 1)) + random.Next(-3, 4), 0, days - 1);
            var start = first.AddDays(day);
            var channel = catalogue.Channels[random.Next(catalogue.Channels.Length)];
            var agency = catalogue.Agencies[Skewed(random, catalogue.Agencies.Length)];
            var title = Titles[random.Next(Titles.Length)] + " – đợt " + (i % 97 + 1).ToString(CultureInfo.InvariantCulture);
            DateOnly? end = random.Next(5) == 0 ? start.AddDays(random.Next(1, 5)) : null;
            var quantity = QuantityFor(channel.Code, random);
            long? second = channel.HasSecondMeasure ? random.Next(10, 2_000) : null;
            int? district = random.Next(2) == 0 ? catalogue.Districts[random.Next(catalogue.Districts.Length)] : null;
            var evidence = random.Next(2) == 0 ? string.Create(CultureInfo.InvariantCulture, $"https://thainguyen.gov.vn/tin-tuc/{id}") : null;
            long? cost = random.Next(4) == 0 ? null : random.Next(1, 200) * 100_000L;
            var funding = random.Next(4) == 0 ? null : "Ngân sách nhà nước";
            var at = DateTime.SpecifyKind(start.ToDateTime(new TimeOnly(9, 0)), DateTimeKind.Utc);
            var objectives = PickSome(catalogue.Objectives, random);
            var themes = PickSome(catalogue.Themes, random);
            yield return new GeneratedActivity(id, agency, channel.Id, title, start, end, quantity, second, district, evidence, cost, funding, at, objectives, themes);
        }
    }

    private static void InsertActivities(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<GeneratedActivity> activities)
    {
        using var activity = Command(connection, transaction,
            "INSERT INTO Activities (Id, AgencyId, ChannelId, Title, StartDate, EndDate, Quantity, SecondMeasure, DistrictId, EvidenceUrl, Cost, " +
            "FundingSource, Notes, CreatedBy, CreatedAt, UpdatedBy, UpdatedAt, Version, SearchKey) VALUES " +
            "($id, $agency, $channel, $title, $start, $end, $quantity, $second, $district, $evidence, $cost, $funding, NULL, 'generator', $at, 'generator', $at, 1, $key)",
            "$id", "$agency", "$channel", "$title", "$start", "$end", "$quantity", "$second", "$district", "$evidence", "$cost", "$funding", "$at", "$key");
        using var objective = Command(connection, transaction,
            "INSERT INTO ActivityObjectives (ActivityId, ObjectivesId) VALUES ($a, $t)", "$a", "$t");
        using var theme = Command(connection, transaction,
            "INSERT INTO ActivityThemes (ActivityId, ThemesId) VALUES ($a, $t)", "$a", "$t");

        var p = activity.Parameters;
        foreach (var a in activities)
        {
            p[0].Value = a.Id;
            p[1].Value = a.AgencyId;
            p[2].Value = a.ChannelId;
            p[3].Value = a.Title;
            p[4].Value = a.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p[5].Value = a.End is { } end ? end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;
            p[6].Value = a.Quantity;
            p[7].Value = a.SecondMeasure is { } second ? second : DBNull.Value;
            p[8].Value = a.DistrictId is { } district ? district : DBNull.Value;
            p[9].Value = (object?)a.EvidenceUrl ?? DBNull.Value;
            p[10].Value = a.Cost is { } cost ? cost : DBNull.Value;
            p[11].Value = (object?)a.FundingSource ?? DBNull.Value;
            p[12].Value = a.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            p[13].Value = a.SearchKey;
            activity.ExecuteNonQuery();
            Link(objective, a.Id, a.Objectives);
            Link(theme, a.Id, a.Themes);
        }
    }

    private static void Link(SqliteCommand command, int activityId, int[] items)
    {
        command.Parameters[0].Value = activityId;
        foreach (var item in items)
        {
            command.Parameters[1].Value = item;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The activities and their tags by binary COPY, far faster than INSERTs row by row.</summary>
    private static async Task CopyActivitiesAsync(NpgsqlConnection connection, IEnumerable<GeneratedActivity> activities, CancellationToken ct)
    {
        // Tags are written after their activities (foreign keys): kept aside while the activities stream.
        var objectives = new List<(int Activity, int Item)>();
        var themes = new List<(int Activity, int Item)>();
        await using (var writer = await connection.BeginBinaryImportAsync(
            """
            COPY "Activities" ("Id", "AgencyId", "ChannelId", "Title", "StartDate", "EndDate", "Quantity", "SecondMeasure", "DistrictId",
                "EvidenceUrl", "Cost", "FundingSource", "CreatedBy", "CreatedAt", "UpdatedBy", "UpdatedAt", "Version", "SearchKey") FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var a in activities)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(a.Id, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(a.AgencyId, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(a.ChannelId, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(a.Title, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(a.Start, NpgsqlDbType.Date, ct);
                await WriteNullableAsync(writer, a.End, NpgsqlDbType.Date, ct);
                await writer.WriteAsync(a.Quantity, NpgsqlDbType.Integer, ct);
                await WriteNullableAsync(writer, a.SecondMeasure, NpgsqlDbType.Bigint, ct);
                await WriteNullableAsync(writer, a.DistrictId, NpgsqlDbType.Integer, ct);
                await WriteNullableAsync(writer, a.EvidenceUrl, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(writer, a.Cost, NpgsqlDbType.Bigint, ct);
                await WriteNullableAsync(writer, a.FundingSource, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync("generator", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(a.At, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync("generator", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(a.At, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(a.SearchKey, NpgsqlDbType.Text, ct);
                foreach (var o in a.Objectives) objectives.Add((a.Id, o));
                foreach (var t in a.Themes) themes.Add((a.Id, t));
            }
            await writer.CompleteAsync(ct);
        }
        await CopyPairsAsync(connection, """COPY "ActivityObjectives" ("ActivityId", "ObjectivesId") FROM STDIN (FORMAT BINARY)""", objectives, ct);
        await CopyPairsAsync(connection, """COPY "ActivityThemes" ("ActivityId", "ThemesId") FROM STDIN (FORMAT BINARY)""", themes, ct);
    }

    private static async Task CopyPairsAsync(NpgsqlConnection connection, string copy, IEnumerable<(int, int)> rows, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(copy, ct);
        foreach (var (first, second) in rows)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(first, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(second, NpgsqlDbType.Integer, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? writer.WriteAsync(v, type, ct) : writer.WriteNullAsync(ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);

    /// <summary>One or two distinct tags, as officers tag an activity.</summary>
    private static int[] PickSome(int[] items, Random random)
    {
        var firstIndex = random.Next(items.Length);
        if (random.Next(3) != 0) return [items[firstIndex]];
        var second = (firstIndex + 1 + random.Next(items.Length - 1)) % items.Length;
        return [items[firstIndex], items[second]];
    }

    /// <summary>Unit plans for nine agencies in ten, issued around the NV1 deadline, with a target per channel near the pace generated.</summary>
    private static IEnumerable<GeneratedUnitPlan> UnitPlans(Catalogue catalogue, int activities, Random random)
    {
        var perCell = Math.Max(1.0, (double)activities / (catalogue.Agencies.Length * catalogue.Channels.Length));
        var id = 0;
        foreach (var agency in catalogue.Agencies)
        {
            if (random.Next(10) == 0) continue;
            id++;
            var issued = new DateOnly(Year, 2, 1).AddDays(random.Next(90));
            var targets = catalogue.Channels
                .Select(channel => (channel.Id, (int)Math.Min(int.MaxValue, perCell * MeanQuantity(channel.Code) * (0.7 + random.NextDouble() * 0.8))))
                .ToArray();
            yield return new GeneratedUnitPlan(id, catalogue.PlanId, agency, string.Create(CultureInfo.InvariantCulture, $"{id}/KH-{agency}"), issued,
                DateTime.SpecifyKind(issued.ToDateTime(new TimeOnly(9, 0)), DateTimeKind.Utc), targets);
        }
    }

    private static void InsertUnitPlans(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<GeneratedUnitPlan> plans)
    {
        using var plan = Command(connection, transaction,
            "INSERT INTO UnitPlans (Id, PlanId, AgencyId, DocumentNumber, IssuedOn, Link, Notes, CreatedBy, CreatedAt, UpdatedBy, UpdatedAt, Version) VALUES " +
            "($id, $plan, $agency, $number, $issued, NULL, NULL, 'generator', $at, 'generator', $at, 1)",
            "$id", "$plan", "$agency", "$number", "$issued", "$at");
        using var target = Command(connection, transaction,
            "INSERT INTO UnitPlanTargets (UnitPlanId, ChannelId, Quantity) VALUES ($plan, $channel, $quantity)", "$plan", "$channel", "$quantity");
        foreach (var u in plans)
        {
            plan.Parameters[0].Value = u.Id;
            plan.Parameters[1].Value = u.PlanId;
            plan.Parameters[2].Value = u.AgencyId;
            plan.Parameters[3].Value = u.DocumentNumber;
            plan.Parameters[4].Value = u.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            plan.Parameters[5].Value = u.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            plan.ExecuteNonQuery();
            foreach (var (channel, quantity) in u.Targets)
            {
                target.Parameters[0].Value = u.Id;
                target.Parameters[1].Value = channel;
                target.Parameters[2].Value = quantity;
                target.ExecuteNonQuery();
            }
        }
    }

    private static async Task CopyUnitPlansAsync(NpgsqlConnection connection, IReadOnlyList<GeneratedUnitPlan> plans, CancellationToken ct)
    {
        await using (var writer = await connection.BeginBinaryImportAsync(
            """
            COPY "UnitPlans" ("Id", "PlanId", "AgencyId", "DocumentNumber", "IssuedOn", "CreatedBy", "CreatedAt", "UpdatedBy", "UpdatedAt", "Version")
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var u in plans)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(u.Id, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(u.PlanId, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(u.AgencyId, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(u.DocumentNumber, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(u.IssuedOn, NpgsqlDbType.Date, ct);
                await writer.WriteAsync("generator", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(u.At, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync("generator", NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(u.At, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint, ct);
            }
            await writer.CompleteAsync(ct);
        }
        // The targets' own ids are left to their identity column, as SQLite leaves them to its rowid.
        await using (var writer = await connection.BeginBinaryImportAsync(
            """COPY "UnitPlanTargets" ("UnitPlanId", "ChannelId", "Quantity") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var u in plans)
            {
                foreach (var (channel, quantity) in u.Targets)
                {
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(u.Id, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(channel, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(quantity, NpgsqlDbType.Integer, ct);
                }
            }
            await writer.CompleteAsync(ct);
        }
    }

    /// <summary>Agencies do not report equally: the first ones (the Office, big departments) a little more.</summary>
    private static int Skewed(Random random, int count) =>
        Math.Min(count - 1, (int)(count * Math.Pow(random.NextDouble(), 1.3)));

    private static int QuantityFor(string channel, Random random) => channel switch
    {
        "TOROI" or "APPHICH" => random.Next(100, 5_000),
        "TAILIEU" => random.Next(1, 20),
        "BAO" or "CONG" or "WEB" => random.Next(1, 6),
        "TTCS" => random.Next(1, 30),
        _ => random.Next(1, 4),
    };

    private static double MeanQuantity(string channel) => channel switch
    {
        "TOROI" or "APPHICH" => 2_550,
        "TAILIEU" => 10,
        "BAO" or "CONG" or "WEB" => 3,
        "TTCS" => 15,
        _ => 2,
    };

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static readonly string[] Titles =
    [
        "Tuyên truyền về kiểm soát thủ tục hành chính và cơ chế một cửa, một cửa liên thông",
        "Phóng sự về dịch vụ công trực tuyến và thanh toán trực tuyến trên Cổng dịch vụ công",
        "Hội nghị hướng dẫn tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính",
        "Tin bài về kết quả giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công",
        "Treo băng rôn, khẩu hiệu hưởng ứng cải cách thủ tục hành chính",
        "Phát tờ rơi hướng dẫn nộp hồ sơ trực tuyến mức độ 3, 4",
        "Lớp tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho cán bộ cấp xã",
        "Cuộc thi tìm hiểu về cải cách hành chính và chuyển đổi số",
        "Biểu dương tập thể, cá nhân tiêu biểu trong giải quyết thủ tục hành chính",
    ];

    private sealed record GeneratedActivity(int Id, int AgencyId, int ChannelId, string Title, DateOnly Start, DateOnly? End, int Quantity,
        long? SecondMeasure, int? DistrictId, string? EvidenceUrl, long? Cost, string? FundingSource, DateTime At, int[] Objectives, int[] Themes)
    {
        /// <summary>The search key the write path would store (the rows bypass it for speed): the title's, the only text generated.</summary>
        public string SearchKey => TextSearch.KeyOf([Title]);
    }

    private sealed record GeneratedUnitPlan(int Id, int PlanId, int AgencyId, string DocumentNumber, DateOnly IssuedOn, DateTime At,
        (int ChannelId, int Quantity)[] Targets);

    private sealed record ChannelInfo(int Id, string Code, bool HasSecondMeasure);

    private sealed record Catalogue(int PlanId, int[] Agencies, ChannelInfo[] Channels, int[] Objectives, int[] Themes, int[] Districts);
}
