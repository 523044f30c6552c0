using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Data;
using CommsPlan.Core.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CommsPlan.Core.Reports;

/// <summary>
/// Every activity of a period, as the report's detail sheet lists it, read forward in one hand-written query.
/// </summary>
/// <remarks>
/// HAND-WRITTEN SQL, the same text on SQLite and PostgreSQL. A year can hold 100,000 rows and more, so the rows are
/// read the cheapest way there is rather than through LINQ: one statement over the activities, whose objectives and
/// themes come joined in order by <c>string_agg(… ORDER BY …)</c> in the same row, and whose evidence files are counted
/// by one grouped join (the files table is indexed by activity) (PostgreSQL; SQLite since 3.44,
/// which the bundled e_sqlite3 is past) instead of a query per batch, and whose agency, channel and district come as
/// keys named from the small catalogue tables held in memory instead of a string per row and column. EF Core's query
/// for the same rows, the batched tags in particular, spent most of the report's time; the rows are checked against
/// such a query on both engines (ActivityStreamTests).
/// </remarks>
internal static class ActivityStream
{
    /// <summary>
    /// Rows of the catalogue's plan dated <paramref name="from"/>–<paramref name="to"/> (by start date), oldest first, then
    /// by agency and id. The plan comes first: a Decree window reaches into the previous plan's December.
    /// </summary>
    /// <param name="db">A context whose connection the caller opened and keeps open while enumerating.</param>
    /// <param name="agencyIds">The agencies in scope; null for all.</param>
    public static async IAsyncEnumerable<ActivityRow> ReadAsync(CommsPlanDbContext db, MonitoringCatalogue catalogue,
        DateOnly from, DateOnly to, IReadOnlyList<int>? agencyIds, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (agencyIds is { Count: 0 }) yield break;
        // Every channel and district, not only the current plan's: an activity keeps the channel it was logged on.
        var channels = await db.Channels.AsNoTracking()
            .Select(c => new ChannelNames(c.Id, c.Code, c.Name, c.Unit, c.SecondMeasureUnit, c.FormGroup!.Code))
            .ToDictionaryAsync(c => c.Id, ct);
        var districts = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = Sql(agencyIds?.Count ?? 0);
        Add(command, "plan", catalogue.Plan.Id);
        Add(command, "from", from);
        Add(command, "to", to);
        for (var i = 0; i < (agencyIds?.Count ?? 0); i++) Add(command, "a" + i, agencyIds![i]);

        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return Row(reader, catalogue, channels, districts);
    }

    /// <summary>One row: called for every activity of the period, so compiled optimised from its first call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ActivityRow Row(DbDataReader reader, MonitoringCatalogue catalogue, Dictionary<int, ChannelNames> channels,
        Dictionary<int, string> districts)
    {
        var agency = catalogue.AgencyById[reader.GetInt32(AgencyId)].Ref;
        var channel = channels[reader.GetInt32(ChannelId)];
        return new ActivityRow(
            reader.GetInt32(Id),
            reader.GetFieldValue<DateOnly>(StartDate),
            reader.IsDBNull(EndDate) ? null : reader.GetFieldValue<DateOnly>(EndDate),
            agency.Code,
            agency.Name,
            channel.FormGroupCode,
            channel.Code,
            channel.Name,
            channel.Unit,
            reader.GetString(Title),
            reader.GetInt32(Quantity),
            reader.IsDBNull(SecondMeasure) ? null : reader.GetInt64(SecondMeasure),
            channel.SecondMeasureUnit,
            reader.IsDBNull(Objectives) ? "" : reader.GetString(Objectives),
            reader.IsDBNull(Themes) ? "" : reader.GetString(Themes),
            reader.IsDBNull(DistrictId) ? null : districts[reader.GetInt32(DistrictId)],
            reader.IsDBNull(Cost) ? null : reader.GetInt64(Cost),
            reader.IsDBNull(EvidenceUrl) ? null : reader.GetString(EvidenceUrl),
            (int)reader.GetInt64(Files));
    }

    private const int Id = 0, StartDate = 1, EndDate = 2, AgencyId = 3, ChannelId = 4, DistrictId = 5, Title = 6, Quantity = 7,
        SecondMeasure = 8, Cost = 9, EvidenceUrl = 10, Objectives = 11, Themes = 12, Files = 13;

    /// <summary>The statement, with <paramref name="agencies"/> parameters @a0… for the scope (none: every agency).</summary>
    private static string Sql(int agencies)
    {
        var sql = new StringBuilder("""
            SELECT a."Id", a."StartDate", a."EndDate", a."AgencyId", a."ChannelId", a."DistrictId", a."Title", a."Quantity",
                a."SecondMeasure", a."Cost", a."EvidenceUrl",
                (SELECT string_agg(o."DisplayCode", ', ' ORDER BY o."SortOrder") FROM "ActivityObjectives" x
                    JOIN "Objectives" o ON o."Id" = x."ObjectivesId" WHERE x."ActivityId" = a."Id"),
                (SELECT string_agg(t."DisplayCode", ', ' ORDER BY t."SortOrder") FROM "ActivityThemes" x
                    JOIN "Themes" t ON t."Id" = x."ThemesId" WHERE x."ActivityId" = a."Id"),
                COALESCE(e."Files", 0)
            FROM "Activities" a
            JOIN "Agencies" g ON g."Id" = a."AgencyId"
            JOIN "Channels" c ON c."Id" = a."ChannelId"
            JOIN "FormGroups" f ON f."Id" = c."FormGroupId"
            LEFT JOIN (SELECT "ActivityId", COUNT(*) AS "Files" FROM "EvidenceFiles" WHERE "ActivityId" IS NOT NULL
                GROUP BY "ActivityId") e ON e."ActivityId" = a."Id"
            WHERE f."PlanId" = @plan AND a."StartDate" >= @from AND a."StartDate" <= @to
            """);
        if (agencies > 0)
        {
            sql.Append(" AND a.\"AgencyId\" IN (");
            for (var i = 0; i < agencies; i++) sql.Append(i == 0 ? "@a0" : ", @a" + i);
            sql.Append(')');
        }
        sql.Append("""

            ORDER BY a."StartDate", g."SortOrder", a."Id"
            """);
        return sql.ToString();
    }

    // DateOnly goes in as each engine stores it: 'yyyy-MM-dd' text on SQLite, a date on PostgreSQL.
    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed record ChannelNames(int Id, string Code, string Name, string Unit, string? SecondMeasureUnit, string FormGroupCode);
}
