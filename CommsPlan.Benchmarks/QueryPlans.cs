using System.Data.Common;
using System.Text;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Data;
using CommsPlan.Core.Monitoring;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

using CommsPlan.Core.ReportingCycle;
namespace CommsPlan.Benchmarks;

/// <summary>
/// Prints every SQL statement the overview and the activity list send, each with SQLite's plan for it (EXPLAIN
/// QUERY PLAN, run on the same connection with the same parameters): <c>--plans FILE</c>.
/// </summary>
public static class QueryPlans
{
    public static async Task<int> PrintAsync(string file, TextWriter output)
    {
        var recorder = new PlanRecorder();
        // The app's configuration, plus the recorder.
        IDbContextFactory<CommsPlanDbContext> factory = new CommsPlanDbContextFactory(new DbContextOptionsBuilder<CommsPlanDbContext>()
            .UseCommsPlan(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ToString())
            .AddInterceptors(recorder).Options, DatabaseProvider.Sqlite);
        var time = new FixedTime(DataGenerator.Today);
        output.WriteLine("### Overview (plan year, monitor, whole province)");
        output.WriteLine();
        _ = await new OverviewService(factory, time).GetOverviewAsync(Scenarios.Monitor, Scenarios.Year);
        recorder.Flush(output);
        output.WriteLine("### Activity list (first page, one channel, newest first)");
        output.WriteLine();
        int channelId;
        await using (var db = await factory.CreateDbContextAsync()) channelId = await db.Channels.Where(c => c.Code == "HOINGHI").Select(c => c.Id).FirstAsync();
        recorder.Clear();
        _ = await new ActivityService(factory, time, new InProcessDataChangeNotifier(time), new PeriodLock())
            .ListAsync(Scenarios.Monitor, new ActivityQuery { ChannelId = channelId, PageSize = 25 });
        recorder.Flush(output);
        return 0;
    }

    private sealed class PlanRecorder : DbCommandInterceptor
    {
        private readonly List<(string Sql, string Plan)> _seen = [];

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var sql = command.CommandText;
            await using (var explain = command.Connection!.CreateCommand())
            {
                explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
                explain.Transaction = command.Transaction;
                foreach (DbParameter p in command.Parameters)
                {
                    var copy = explain.CreateParameter();
                    copy.ParameterName = p.ParameterName;
                    copy.Value = p.Value;
                    explain.Parameters.Add(copy);
                }
                var plan = new StringBuilder();
                await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
                var depth = new Dictionary<long, int>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetInt64(0);
                    var parent = reader.GetInt64(1);
                    var level = depth.TryGetValue(parent, out var d) ? d + 1 : 0;
                    depth[id] = level;
                    plan.Append(new string(' ', level * 2)).AppendLine(reader.GetString(3));
                }
                _seen.Add((sql, plan.ToString()));
            }
            return result;
        }

        public void Clear() => _seen.Clear();

        public void Flush(TextWriter output)
        {
            foreach (var (sql, plan) in _seen.Where(s => s.Sql.Contains("Activities", StringComparison.Ordinal)))
            {
                output.WriteLine("```sql");
                output.WriteLine(sql.Trim());
                output.WriteLine("```");
                output.WriteLine("```");
                output.Write(plan);
                output.WriteLine("```");
                output.WriteLine();
            }
            _seen.Clear();
        }
    }
}
