using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Data.Backups;
using CommsPlan.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Reliability;

/// <summary>Many agencies saving at the same moment: SQLite's single writer must queue them, never lose or double one.</summary>
public sealed class ConcurrentWriterTests
{
    private const int Writers = 8;
    private const int PerWriter = 500;
    private const int Batch = 20;

    [Fact]
    public async Task EightWritersOfFiveHundredActivitiesEachAllLandExactlyOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = ReliabilityServices.For(database.FilePath);
        var catalogue = await services.GetRequiredService<ActivityService>().GetCatalogueAsync();
        var agencies = await AgencyIdsAsync(services);
        // Eight officers of eight agencies, as on a reporting deadline.
        var codes = agencies.Keys.Order().Take(Writers).ToArray();
        var channel = catalogue.Channels.First(c => c.Code == "HOINGHI").Id;
        int[] objectives = [catalogue.Objectives[0].Id];
        int[] themes = [catalogue.Themes[0].Id];

        var importer = services.GetRequiredService<ActivityImporter>();
        var failures = new List<Exception>();
        await Task.WhenAll(codes.Select((code, writer) => Task.Run(async () =>
        {
            var officer = new CurrentUser($"id-w{writer}", $"w{writer}", [Roles.AgencyOfficer], agencies[code]);
            // Each writer saves its 500 in transactions of 20 (as imports do), so 200 write transactions interleave.
            for (var batch = 0; batch < PerWriter / Batch; batch++)
            {
                var rows = Enumerable.Range(batch * Batch, Batch).Select(n => new ActivityImportRow(n + 2, new ActivityInput
                {
                    AgencyId = agencies[code], ChannelId = channel, Title = $"Concurrent w{writer} n{n}",
                    StartDate = new DateOnly(2021, 5, 12), Quantity = 1, ObjectiveIds = objectives, ThemeIds = themes,
                }, [])).ToList();
                try
                {
                    await importer.CommitAsync(officer, ActivityImportPreview.Read(agencies[code], rows));
                }
                catch (Exception ex)
                {
                    lock (failures) failures.Add(ex);
                }
            }
        })));

        Assert.Empty(failures.Select(f => f.Message).Distinct());
        await using var db = await services.Factory().CreateDbContextAsync();
        var titles = await db.Activities.Where(a => a.Title.StartsWith("Concurrent ")).Select(a => a.Title).ToListAsync();
        Assert.Equal(Writers * PerWriter, titles.Count);
        Assert.Equal(Writers * PerWriter, titles.Distinct().Count());
        await using var connection = new SqliteConnection($"Data Source={database.FilePath};Pooling=False");
        await connection.OpenAsync();
        Assert.Equal("ok", DatabaseBackup.IntegrityCheck(connection));
    }

    private static async Task<Dictionary<string, int>> AgencyIdsAsync(IServiceProvider services)
    {
        await using var db = await services.Factory().CreateDbContextAsync();
        return await db.Agencies.ToDictionaryAsync(a => a.Code, a => a.Id);
    }
}
