using System.Diagnostics;
using System.Globalization;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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
    public const int Version = 1;

    /// <summary>The day the benchmarks treat as today: the plan's last day, so the whole year has happened.</summary>
    public static readonly DateOnly Today = new(Year, 12, 31);

    public static IDbContextFactory<CommsPlanDbContext> Factory(string file) =>
        new PlainFactory(new DbContextOptionsBuilder<CommsPlanDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = file }.ToString())
            // Audited like the app: every save the benchmarks make pays what production pays.
            .AddInterceptors(new CommsPlan.Core.Auditing.AuditInterceptor()).Options);

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

        Catalogue catalogue;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            catalogue = new Catalogue(
                await db.Plans.AsNoTracking().OrderByDescending(p => p.Year).Select(p => p.Id).FirstAsync(ct),
                await db.Agencies.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToArrayAsync(ct),
                await db.Channels.AsNoTracking().OrderBy(c => c.Id).Select(c => new ChannelInfo(c.Id, c.Code, c.SecondMeasureUnit != null)).ToArrayAsync(ct),
                await db.Objectives.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Id).ToArrayAsync(ct),
                await db.Themes.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).ToArrayAsync(ct),
                await db.Districts.AsNoTracking().OrderBy(d => d.Id).Select(d => d.Id).ToArrayAsync(ct));
        }

        var random = new Random(seed);
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;", ct);
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct))
        {
            InsertActivities(connection, transaction, catalogue, activities, random);
            InsertUnitPlans(connection, transaction, catalogue, activities, random);
            await transaction.CommitAsync(ct);
        }
        await ExecuteAsync(connection, "ANALYZE;", ct);
        await connection.CloseAsync();

        // A few difficulties (the overview flags the stale open ones), through EF: they are few.
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var count = Math.Max(5, activities / 2_000);
            for (var i = 0; i < count; i++)
            {
                var raised = new DateOnly(Year, 1, 1).AddDays(random.Next(365));
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
                    CreatedAt = raised.ToDateTime(TimeOnly.MinValue),
                    UpdatedAt = raised.ToDateTime(TimeOnly.MinValue),
                    Version = 1,
                });
            }
            await db.SaveChangesAsync(ct);
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// Returns a generated file for <paramref name="activities"/> under <paramref name="folder"/>, generating it only
    /// when no file of this generator version and schema exists yet.
    /// </summary>
    public static async Task<string> EnsureAsync(string folder, int activities, Action<string>? log = null, CancellationToken ct = default)
    {
        var migrations = typeof(CommsPlanDbContext).Assembly.GetTypes()
            .Where(t => t.Namespace == "CommsPlan.Core.Data.Migrations.Sqlite" && t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).Length > 0)
            .Select(t => ((Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute)t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false)[0]).Id)
            .ToList();
        // The count too: migrations merged from parallel branches can add one that sorts before the latest.
        var schema = string.Create(CultureInfo.InvariantCulture, $"{migrations.Count}-{migrations.DefaultIfEmpty("none").Max()}");
        var file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"activities-{activities}-v{Version}-{schema}.db"));
        if (File.Exists(file)) return file;
        var watch = Stopwatch.StartNew();
        var building = file + ".building";
        await GenerateAsync(building, activities, ct: ct);
        File.Move(building, file);
        log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"generated {activities:N0} activities in {watch.Elapsed.TotalSeconds:F1} s: {file}"));
        return file;
    }

    private static void InsertActivities(SqliteConnection connection, SqliteTransaction transaction, Catalogue catalogue, int count, Random random)
    {
        using var activity = Command(connection, transaction,
            "INSERT INTO Activities (Id, AgencyId, ChannelId, Title, StartDate, EndDate, Quantity, SecondMeasure, DistrictId, EvidenceUrl, Cost, " +
            "FundingSource, Notes, CreatedBy, CreatedAt, UpdatedBy, UpdatedAt, Version) VALUES " +
            "($id, $agency, $channel, $title, $start, $end, $quantity, $second, $district, $evidence, $cost, $funding, NULL, 'generator', $at, 'generator', $at, 1)",
            "$id", "$agency", "$channel", "$title", "$start", "$end", "$quantity", "$second", "$district", "$evidence", "$cost", "$funding", "$at");
        using var objective = Command(connection, transaction,
            "INSERT INTO ActivityObjectives (ActivityId, ObjectivesId) VALUES ($a, $t)", "$a", "$t");
        using var theme = Command(connection, transaction,
            "INSERT INTO ActivityThemes (ActivityId, ThemesId) VALUES ($a, $t)", "$a", "$t");

        var first = new DateOnly(Year, 1, 1);
        const int days = 365;
        var p = activity.Parameters;
        for (var i = 0; i < count; i++)
        {
            var id = i + 1;
            // Logged roughly in date order, as a year of real entries is, with a few days of jitter.
            var day = Math.Clamp((int)((long)i * days / Math.Max(count, 1)) + random.Next(-3, 4), 0, days - 1);
            var start = first.AddDays(day);
            var channel = catalogue.Channels[random.Next(catalogue.Channels.Length)];
            var agency = catalogue.Agencies[Skewed(random, catalogue.Agencies.Length)];
            p[0].Value = id;
            p[1].Value = agency;
            p[2].Value = channel.Id;
            p[3].Value = Titles[random.Next(Titles.Length)] + " – đợt " + (i % 97 + 1).ToString(CultureInfo.InvariantCulture);
            p[4].Value = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p[5].Value = random.Next(5) == 0 ? start.AddDays(random.Next(1, 5)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;
            p[6].Value = QuantityFor(channel.Code, random);
            p[7].Value = channel.HasSecondMeasure ? random.Next(10, 2_000) : DBNull.Value;
            p[8].Value = random.Next(2) == 0 ? catalogue.Districts[random.Next(catalogue.Districts.Length)] : DBNull.Value;
            p[9].Value = random.Next(2) == 0 ? string.Create(CultureInfo.InvariantCulture, $"https://thainguyen.gov.vn/tin-tuc/{id}") : DBNull.Value;
            p[10].Value = random.Next(4) == 0 ? DBNull.Value : random.Next(1, 200) * 100_000L;
            p[11].Value = random.Next(4) == 0 ? DBNull.Value : "Ngân sách nhà nước";
            p[12].Value = start.ToDateTime(new TimeOnly(9, 0)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            activity.ExecuteNonQuery();

            LinkSome(objective, id, catalogue.Objectives, random);
            LinkSome(theme, id, catalogue.Themes, random);
        }
    }

    /// <summary>One or two distinct tags, as officers tag an activity.</summary>
    private static void LinkSome(SqliteCommand command, int activityId, int[] items, Random random)
    {
        var firstIndex = random.Next(items.Length);
        command.Parameters[0].Value = activityId;
        command.Parameters[1].Value = items[firstIndex];
        command.ExecuteNonQuery();
        if (random.Next(3) != 0) return;
        var second = (firstIndex + 1 + random.Next(items.Length - 1)) % items.Length;
        command.Parameters[1].Value = items[second];
        command.ExecuteNonQuery();
    }

    /// <summary>Unit plans for nine agencies in ten, issued around the NV1 deadline, with a target per channel near the pace generated.</summary>
    private static void InsertUnitPlans(SqliteConnection connection, SqliteTransaction transaction, Catalogue catalogue, int activities, Random random)
    {
        using var plan = Command(connection, transaction,
            "INSERT INTO UnitPlans (Id, PlanId, AgencyId, DocumentNumber, IssuedOn, Link, Notes, CreatedBy, CreatedAt, UpdatedBy, UpdatedAt, Version) VALUES " +
            "($id, $plan, $agency, $number, $issued, NULL, NULL, 'generator', $at, 'generator', $at, 1)",
            "$id", "$plan", "$agency", "$number", "$issued", "$at");
        using var target = Command(connection, transaction,
            "INSERT INTO UnitPlanTargets (UnitPlanId, ChannelId, Quantity) VALUES ($plan, $channel, $quantity)", "$plan", "$channel", "$quantity");
        var perCell = Math.Max(1.0, (double)activities / (catalogue.Agencies.Length * catalogue.Channels.Length));
        var id = 0;
        foreach (var agency in catalogue.Agencies)
        {
            if (random.Next(10) == 0) continue;
            id++;
            var issued = new DateOnly(Year, 2, 1).AddDays(random.Next(90));
            plan.Parameters[0].Value = id;
            plan.Parameters[1].Value = catalogue.PlanId;
            plan.Parameters[2].Value = agency;
            plan.Parameters[3].Value = string.Create(CultureInfo.InvariantCulture, $"{id}/KH-{agency}");
            plan.Parameters[4].Value = issued.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            plan.Parameters[5].Value = issued.ToDateTime(new TimeOnly(9, 0)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            plan.ExecuteNonQuery();
            foreach (var channel in catalogue.Channels)
            {
                target.Parameters[0].Value = id;
                target.Parameters[1].Value = channel.Id;
                target.Parameters[2].Value = (int)Math.Min(int.MaxValue, perCell * MeanQuantity(channel.Code) * (0.7 + random.NextDouble() * 0.8));
                target.ExecuteNonQuery();
            }
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

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
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

    private sealed record ChannelInfo(int Id, string Code, bool HasSecondMeasure);

    private sealed record Catalogue(int PlanId, int[] Agencies, ChannelInfo[] Channels, int[] Objectives, int[] Themes, int[] Districts);

    private sealed class PlainFactory(DbContextOptions<CommsPlanDbContext> options) : IDbContextFactory<CommsPlanDbContext>
    {
        public CommsPlanDbContext CreateDbContext() => new(options);
    }
}
