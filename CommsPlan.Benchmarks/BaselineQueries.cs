using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Monitoring;
using Npgsql;

namespace CommsPlan.Benchmarks;

/// <summary>
/// What a developer would write by hand for the overview's figures: one GROUP BY per figure, straight SQL over the
/// same database (SQLite or PostgreSQL), no ORM, no mapping beyond reading the grouped rows. The query service is measured against this.
/// </summary>
public static class BaselineQueries
{
    /// <summary>Every raw figure the overview is built from, for <paramref name="from"/>–<paramref name="to"/>.</summary>
    /// <param name="connection">An open SQLite or PostgreSQL connection.</param>
    /// <param name="yearFrom">The plan's start: targets are judged on the year to <paramref name="asOf"/>.</param>
    public static async Task<OverviewFigures> OverviewAsync(
        DbConnection connection, DateOnly from, DateOnly to, DateOnly yearFrom, DateOnly asOf, DateOnly today, CancellationToken ct = default)
    {
        var sql = connection is NpgsqlConnection ? PostgreSql : Sqlite;
        var f = Date(connection, from);
        var t = Date(connection, to);
        var agencies = await ReadAsync(connection, """SELECT "Id", "Code" FROM "Agencies" """, r => (r.GetInt32(0), r.GetString(1)), ct);
        var channels = await ReadAsync(connection, """SELECT "Id", "Code" FROM "Channels" """, r => (r.GetInt32(0), r.GetString(1)), ct);
        var objectives = await ReadAsync(connection, """SELECT "Id", "Code" FROM "Objectives" """, r => (r.GetInt32(0), r.GetString(1)), ct);
        var themes = await ReadAsync(connection, """SELECT "Id", "Code" FROM "Themes" """, r => (r.GetInt32(0), r.GetString(1)), ct);
        var agency = agencies.ToDictionary(x => x.Item1, x => x.Item2);
        var channel = channels.ToDictionary(x => x.Item1, x => x.Item2);
        var objective = objectives.ToDictionary(x => x.Item1, x => x.Item2);
        var theme = themes.ToDictionary(x => x.Item1, x => x.Item2);

        const string cells = """
            SELECT "AgencyId", "ChannelId", COUNT(*), SUM("Quantity"), SUM(COALESCE("SecondMeasure", 0)), SUM(COALESCE("Cost", 0))
            FROM "Activities" WHERE "StartDate" >= @from AND "StartDate" <= @to GROUP BY "AgencyId", "ChannelId"
            """;
        var period = await ReadAsync(connection, cells,
            r => new CellFigures(agency[r.GetInt32(0)], channel[r.GetInt32(1)], Int(r, 2), Long(r, 3), Long(r, 4), Long(r, 5)), ct,
            ("from", f), ("to", t));
        var yearToDate = await ReadAsync(connection, cells,
            r => new CellFigures(agency[r.GetInt32(0)], channel[r.GetInt32(1)], Int(r, 2), Long(r, 3), Long(r, 4), Long(r, 5)), ct,
            ("from", Date(connection, yearFrom)), ("to", Date(connection, asOf)));
        var targets = await ReadAsync(connection, """
            SELECT u."AgencyId", t."ChannelId", t."Quantity" FROM "UnitPlans" u JOIN "UnitPlanTargets" t ON t."UnitPlanId" = u."Id"
            WHERE u."PlanId" = (SELECT "Id" FROM "Plans" ORDER BY "Year" DESC LIMIT 1)
            """, r => (Agency: agency[r.GetInt32(0)], Channel: channel[r.GetInt32(1)], Quantity: r.GetInt32(2)), ct);
        var unitPlans = await ReadAsync(connection, """
            SELECT "AgencyId", "DocumentNumber", "IssuedOn" FROM "UnitPlans" WHERE "PlanId" = (SELECT "Id" FROM "Plans" ORDER BY "Year" DESC LIMIT 1)
            """, r => (Agency: agency[r.GetInt32(0)], Number: r.GetString(1), IssuedOn: Text(ReadDate(r, 2))), ct);
        var last = await ReadAsync(connection,
            """SELECT "AgencyId", MAX("StartDate") FROM "Activities" WHERE "StartDate" <= @today GROUP BY "AgencyId" """,
            r => (Agency: agency[r.GetInt32(0)], Last: ReadDate(r, 1)), ct,
            ("today", Date(connection, today)));
        var byObjective = await ReadAsync(connection, """
            SELECT a."AgencyId", o."ObjectivesId", COUNT(*) FROM "Activities" a JOIN "ActivityObjectives" o ON o."ActivityId" = a."Id"
            WHERE a."StartDate" >= @from AND a."StartDate" <= @to GROUP BY a."AgencyId", o."ObjectivesId"
            """, r => (Agency: agency[r.GetInt32(0)], Objective: objective[r.GetInt32(1)], Activities: Int(r, 2)), ct,
            ("from", f), ("to", t));
        var byTheme = await ReadAsync(connection, """
            SELECT a."ChannelId", t."ThemesId", COUNT(*) FROM "Activities" a JOIN "ActivityThemes" t ON t."ActivityId" = a."Id"
            WHERE a."StartDate" >= @from AND a."StartDate" <= @to GROUP BY a."ChannelId", t."ThemesId"
            """, r => (Channel: channel[r.GetInt32(0)], Theme: theme[r.GetInt32(1)], Activities: Int(r, 2)), ct,
            ("from", f), ("to", t));
        var months = await ReadAsync(connection, sql.Months,
            r => (Month: r.GetString(0), Activities: Int(r, 1), Cost: Long(r, 2)), ct,
            ("from", f), ("to", t));
        var staleDifficulties = await ReadAsync(connection, """
            SELECT "Id" FROM "Difficulties" WHERE "Status" = 'Open' AND "RaisedOn" < @before ORDER BY "RaisedOn", "Id"
            """, r => r.GetInt32(0), ct,
            ("before", Date(connection, today.AddDays(-CommsPlan.Core.Monitoring.OverviewService.StaleDifficultyDays))));

        return new OverviewFigures(period, yearToDate,
            targets.ToDictionary(x => (x.Agency, x.Channel), x => x.Quantity),
            unitPlans.ToDictionary(x => x.Agency, x => x.IssuedOn),
            last.ToDictionary(x => x.Agency, x => x.Last),
            byObjective.ToDictionary(x => (x.Agency, x.Objective), x => x.Activities),
            byTheme.ToDictionary(x => (x.Channel, x.Theme), x => x.Activities),
            months.ToDictionary(x => x.Month, x => (x.Activities, x.Cost)),
            staleDifficulties);
    }

    /// <summary>The activity list's first page by hand: one indexed query for the rows, one count.</summary>
    public static async Task<(IReadOnlyList<(int Id, string Title, string Agency, string Channel, string StartDate)> Rows, int Total)> ActivityPageAsync(
        DbConnection connection, int channelId, int pageSize, CancellationToken ct = default)
    {
        var rows = await ReadAsync(connection, """
            SELECT a."Id", a."Title", g."Name", c."Name", a."StartDate"
            FROM "Activities" a JOIN "Agencies" g ON g."Id" = a."AgencyId" JOIN "Channels" c ON c."Id" = a."ChannelId"
            WHERE a."ChannelId" = @channel ORDER BY a."StartDate" DESC, a."Id" DESC LIMIT @size
            """, r => (r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), Text(ReadDate(r, 4))), ct,
            ("channel", channelId), ("size", pageSize));
        var total = await ReadAsync(connection, """SELECT COUNT(*) FROM "Activities" WHERE "ChannelId" = @channel""", r => Int(r, 0), ct, ("channel", channelId));
        return (rows, total[0]);
    }

    /// <summary>
    /// The consolidated workbook's detail rows by hand, as a developer would write them: one statement joining the
    /// names, each row's objectives and themes aggregated in catalogue order beside it, ordered as the sheet lists them.
    /// </summary>
    public static async IAsyncEnumerable<ActivityRow> DetailRowsAsync(
        DbConnection connection, DateOnly from, DateOnly to, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a."Id", a."StartDate", a."EndDate", g."Code", g."Name", f."Code", c."Code", c."Name", c."Unit", a."Title", a."Quantity",
                a."SecondMeasure", c."SecondMeasureUnit",
                (SELECT string_agg(o."DisplayCode", ', ' ORDER BY o."SortOrder") FROM "ActivityObjectives" x
                    JOIN "Objectives" o ON o."Id" = x."ObjectivesId" WHERE x."ActivityId" = a."Id"),
                (SELECT string_agg(t."DisplayCode", ', ' ORDER BY t."SortOrder") FROM "ActivityThemes" x
                    JOIN "Themes" t ON t."Id" = x."ThemesId" WHERE x."ActivityId" = a."Id"),
                d."Name", a."Cost", a."EvidenceUrl",
                (SELECT COUNT(*) FROM "EvidenceFiles" e WHERE e."ActivityId" = a."Id")
            FROM "Activities" a
            JOIN "Agencies" g ON g."Id" = a."AgencyId"
            JOIN "Channels" c ON c."Id" = a."ChannelId"
            JOIN "FormGroups" f ON f."Id" = c."FormGroupId"
            LEFT JOIN "Districts" d ON d."Id" = a."DistrictId"
            WHERE a."StartDate" >= @from AND a."StartDate" <= @to
            ORDER BY a."StartDate", g."SortOrder", a."Id"
            """;
        foreach (var (name, value) in new[] { ("from", Date(connection, from)), ("to", Date(connection, to)) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        long? Number(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
        while (await reader.ReadAsync(ct))
        {
            yield return new ActivityRow(reader.GetInt32(0), ReadDate(reader, 1), reader.IsDBNull(2) ? null : ReadDate(reader, 2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                reader.GetString(9), reader.GetInt32(10), Number(11), Text(12), Text(13) ?? "", Text(14) ?? "", Text(15), Number(16), Text(17),
                (int)reader.GetInt64(18));
        }
    }

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // The SQL texts that differ between the engines. Everything else above is shared: both engines take quoted
    // PascalCase identifiers, @name parameters and LIMIT.
    private sealed record Dialect(string Months);

    /// <summary>SQLite keeps dates as 'yyyy-MM-dd' text: the month is its first seven characters.</summary>
    private static readonly Dialect Sqlite = new("""
        SELECT substr("StartDate", 1, 7), COUNT(*), SUM(COALESCE("Cost", 0)) FROM "Activities"
        WHERE "StartDate" >= @from AND "StartDate" <= @to GROUP BY substr("StartDate", 1, 7)
        """);

    /// <summary>PostgreSQL keeps a real date: the month is formatted from it.</summary>
    private static readonly Dialect PostgreSql = new("""
        SELECT to_char("StartDate", 'YYYY-MM'), COUNT(*), SUM(COALESCE("Cost", 0)) FROM "Activities"
        WHERE "StartDate" >= @from AND "StartDate" <= @to GROUP BY to_char("StartDate", 'YYYY-MM')
        """);

    /// <summary>A date parameter as the engine stores dates: text on SQLite, a date on PostgreSQL.</summary>
    private static object Date(DbConnection connection, DateOnly date) => connection is NpgsqlConnection ? date : Text(date);

    private static DateOnly ReadDate(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        string text => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => DateOnly.FromDateTime(time),
        _ => reader.GetFieldValue<DateOnly>(ordinal),
    };

    // COUNT is bigint and SUM of bigint numeric on PostgreSQL, integer on SQLite: read whatever came as the width wanted.
    private static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static async Task<List<T>> ReadAsync<T>(
        DbConnection connection, string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new List<T>();
        while (await reader.ReadAsync(ct)) result.Add(read(reader));
        return result;
    }
}

/// <summary>Activities, quantity, second measure and cost of one agency on one channel.</summary>
public sealed record CellFigures(string Agency, string Channel, int Activities, long Quantity, long SecondMeasure, long Cost);

/// <summary>The overview's raw figures as the baseline reads them, keyed by codes.</summary>
public sealed record OverviewFigures(
    IReadOnlyList<CellFigures> Period,
    IReadOnlyList<CellFigures> YearToDate,
    IReadOnlyDictionary<(string Agency, string Channel), int> Targets,
    IReadOnlyDictionary<string, string> UnitPlanIssuedOn,
    IReadOnlyDictionary<string, DateOnly> LastActivity,
    IReadOnlyDictionary<(string Agency, string Objective), int> ByAgencyObjective,
    IReadOnlyDictionary<(string Channel, string Theme), int> ByChannelTheme,
    IReadOnlyDictionary<string, (int Activities, long Cost)> ByMonth,
    IReadOnlyList<int> StaleDifficultyIds);
