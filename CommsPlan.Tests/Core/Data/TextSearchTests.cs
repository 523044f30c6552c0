using System.Text;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Administration;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CommsPlan.Tests.Core.Data;

/// <summary>
/// The one search rule (docs/decisions/0015-vietnamese-search.md) in every list that searches, on both engines: typed
/// without diacritics, in any case, composed or decomposed, it finds the text; what it types is matched literally.
/// </summary>
public abstract class TextSearchTests(DatabaseProvider provider) : IAsyncLifetime
{
    private AccessTestServices _services = null!;
    private CurrentUser _officer = null!;
    private CurrentUser _monitor = null!;
    private CurrentUser _admin = null!;

    public async Task InitializeAsync()
    {
        _services = await AccessTestServices.CreateAsync(provider);
        _officer = await _services.UserAsync("tuphap");
        _monitor = await _services.UserAsync("giamsat");
        _admin = await _services.UserAsync("admin");
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<int> AddActivityAsync(string title, string? description = null, string? notes = null)
    {
        var service = _services.Get<ActivityService>();
        var catalogue = await service.GetCatalogueAsync();
        return (await service.CreateAsync(_officer, new ActivityInput
        {
            AgencyId = _officer.AgencyId,
            ChannelId = catalogue.Channels.First(c => c.Code == "HOINGHI").Id,
            Title = title,
            Description = description,
            Notes = notes,
            StartDate = new DateOnly(2021, 5, 12),
            Quantity = 1,
            ObjectiveIds = [catalogue.Objectives[0].Id],
            ThemeIds = [catalogue.Themes[0].Id],
        })).Id;
    }

    private async Task<List<string>> ActivityTitlesAsync(string text) =>
        [.. (await _services.Get<ActivityService>().ListAsync(_monitor, new ActivityQuery { Text = text })).Rows.Select(r => r.Title).Order()];

    [Fact]
    public async Task TheActivityListFindsTitlesDescriptionsAndNotesTypedWithoutDiacriticsInAnyCaseOrForm()
    {
        await AddActivityAsync("Lớp Tập huấn nghiệp vụ một cửa");
        await AddActivityAsync("Hội nghị đối thoại", description: "Có đại biểu huyện Đại Từ");
        await AddActivityAsync("Phát tờ rơi", notes: "Tập  huấn lại vào quý sau");
        await AddActivityAsync("Treo băng rôn tại trụ sở");

        Assert.Equal(["Lớp Tập huấn nghiệp vụ một cửa", "Phát tờ rơi"], await ActivityTitlesAsync("tap huan"));
        Assert.Equal(["Lớp Tập huấn nghiệp vụ một cửa", "Phát tờ rơi"], await ActivityTitlesAsync("TẬP HUẤN"));
        Assert.Equal(["Lớp Tập huấn nghiệp vụ một cửa", "Phát tờ rơi"], await ActivityTitlesAsync("Tập huấn".Normalize(NormalizationForm.FormD)));
        Assert.Equal(["Hội nghị đối thoại"], await ActivityTitlesAsync("dai tu"));
        Assert.Equal(["Treo băng rôn tại trụ sở"], await ActivityTitlesAsync("  bang   RON "));
        // Words must follow each other, and texts are searched one by one.
        Assert.Empty(await ActivityTitlesAsync("huan tap"));
        Assert.Empty(await ActivityTitlesAsync("doi thoai co dai bieu"));
    }

    [Fact]
    public async Task WhatIsTypedIsMatchedLiterallyPercentUnderscoreAndBackslashIncluded()
    {
        await AddActivityAsync("Đạt 100% hồ sơ trực tuyến");
        await AddActivityAsync("Đạt 1000 hồ sơ trực tuyến");
        await AddActivityAsync(@"Mẫu a_b\c");
        await AddActivityAsync("Mẫu axbxc");

        Assert.Equal(["Đạt 100% hồ sơ trực tuyến"], await ActivityTitlesAsync("100%"));
        Assert.Equal([@"Mẫu a_b\c"], await ActivityTitlesAsync("a_b"));
        Assert.Equal([@"Mẫu a_b\c"], await ActivityTitlesAsync(@"b\c"));
        Assert.Equal(4, (await ActivityTitlesAsync("  ")).Count);
    }

    [Fact]
    public async Task TheCommendationListAndItsActivityPickerSearchTheSameWay()
    {
        var activityId = await AddActivityAsync("Lớp tập huấn cho cán bộ một cửa");
        var service = _services.Get<CommendationService>();
        await service.CreateAsync(_officer, new CommendationInput
        {
            AgencyId = _officer.AgencyId, Kind = CommendationKind.Individual, Recipient = "Ông Đỗ Văn Đức",
            Achievement = "Hướng dẫn tận tình người dân", Date = new DateOnly(2021, 6, 15), ActivityId = activityId,
        });
        await service.CreateAsync(_officer, new CommendationInput
        {
            AgencyId = _officer.AgencyId, Kind = CommendationKind.Collective, Recipient = "Bộ phận một cửa",
            Achievement = "Không để hồ sơ trễ hạn", Date = new DateOnly(2021, 7, 1),
        });

        Assert.Equal("Ông Đỗ Văn Đức", Assert.Single((await service.ListAsync(_monitor, new CommendationFilter { Text = "do van duc" })).Items).Recipient);
        Assert.Equal("Bộ phận một cửa", Assert.Single((await service.ListAsync(_monitor, new CommendationFilter { Text = "TRE HAN" })).Items).Recipient);
        Assert.Equal(activityId, Assert.Single(await service.SuggestActivitiesAsync(_officer, _officer.AgencyId!.Value, "tap huan")).Id);
        Assert.Empty(await service.SuggestActivitiesAsync(_officer, _officer.AgencyId!.Value, "hoi thao"));
    }

    [Fact]
    public async Task TheDifficultyListFindsTitlesContentsAndAnswers()
    {
        var service = _services.Get<DifficultyService>();
        var raised = await service.RaiseAsync(_officer, new DifficultyInput
        {
            AgencyId = _officer.AgencyId, Title = "Thiếu kinh phí in tờ rơi", Content = "Đề nghị bổ sung dự toán quý IV.",
        });
        await service.RaiseAsync(_officer, new DifficultyInput
        {
            AgencyId = _officer.AgencyId, Title = "Phần mềm một cửa chậm", Content = "Người dân phải chờ lâu.",
        });
        await service.AnswerAsync(_monitor, raised.Id, new DifficultyAnswerInput { Answer = "Sở Tài chính đã thẩm định.", Version = raised.Version });

        async Task<string> OnlyTitle(string text) =>
            Assert.Single((await service.ListAsync(_monitor, new DifficultyFilter { Text = text })).Items).Title;
        Assert.Equal("Thiếu kinh phí in tờ rơi", await OnlyTitle("kinh phi"));
        Assert.Equal("Thiếu kinh phí in tờ rơi", await OnlyTitle("DU TOAN"));
        Assert.Equal("Thiếu kinh phí in tờ rơi", await OnlyTitle("so tai chinh"));
        Assert.Equal("Phần mềm một cửa chậm", await OnlyTitle("nguoi dan phai cho"));
    }

    [Fact]
    public async Task TheAuditLogFindsAUserNameInAnyCase()
    {
        await AddActivityAsync("Hội nghị phổ biến");
        var audit = _services.Get<AuditService>();

        var found = await audit.SearchAsync(_admin, new AuditQuery(EntityType: "Activity", UserName: "TUPHAP"));
        var none = await audit.SearchAsync(_admin, new AuditQuery(EntityType: "Activity", UserName: "daitu"));

        Assert.Equal("tuphap", Assert.Single(found.Items).UserName);
        Assert.Empty(none.Items);
    }

    [Fact]
    public async Task TheAccountAndAgencyListsFindNamesTypedWithoutDiacritics()
    {
        var users = await _services.Get<UserAdminService>().ListAsync(_admin, new UserQuery(Search: "dai tu"));
        var agencies = await _services.Get<AgencyAdminService>().ListAsync(_admin, new AgencyQuery(Search: "ĐẠI TỪ"));
        var byCode = await _services.Get<AgencyAdminService>().ListAsync(_admin, new AgencyQuery(Search: "stp"));

        Assert.Equal("daitu", Assert.Single(users.Items).UserName);
        Assert.Equal("DAITU", Assert.Single(agencies.Items).Code);
        Assert.Equal("STP", Assert.Single(byCode.Items).Code);
    }

    /// <summary>
    /// A database from before the search keys gets them from the migration, equal to what the write path computes, for
    /// text in every form: composed and decomposed, đ and Đ, every kind of space, empty and missing texts.
    /// </summary>
    [Fact]
    public async Task TheMigrationFillsTheKeysOfExistingRowsAsTheWritePathWould()
    {
        await AddActivityAsync("  Lớp TẬP\u00A0\u00A0huấn  ", description: "Đại Từ, Định Hóa".Normalize(NormalizationForm.FormD), notes: "\t");
        await AddActivityAsync("Ðồng Hỷ – 100% hồ sơ", notes: "ghi chú\r\nhai dòng");
        var difficulty = await _services.Get<DifficultyService>().RaiseAsync(_officer, new DifficultyInput
        {
            AgencyId = _officer.AgencyId, Title = "Khó khăn VỀ kinh phí", Content = "Nội dung",
        });
        await _services.Get<DifficultyService>().AnswerAsync(_monitor, difficulty.Id, new DifficultyAnswerInput { Answer = "Đã trả lời", Version = difficulty.Version });
        await _services.Get<CommendationService>().CreateAsync(_officer, new CommendationInput
        {
            AgencyId = _officer.AgencyId, Kind = CommendationKind.Individual, Recipient = "Ông Đỗ Văn Đức",
            Achievement = "Thành tích", Date = new DateOnly(2021, 6, 15),
        });

        await using (var db = await _services.ContextAsync())
        {
            var migrations = db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).ToList();
            var added = migrations.FindIndex(m => m.EndsWith("_AddSearchKeys", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[added - 1]);
            await migrator.MigrateAsync();
        }

        await using var check = await _services.ContextAsync();
        await AssertKeysAsync(check.Activities, 2);
        await AssertKeysAsync(check.Difficulties, 1);
        await AssertKeysAsync(check.Commendations, 1);
        await AssertKeysAsync(check.Agencies, 33);
        await AssertKeysAsync(check.Users, 6);
        await AssertKeysAsync(check.AuditEntries, 10);
    }

    private static async Task AssertKeysAsync<T>(DbSet<T> set, int atLeast) where T : class, ISearchable
    {
        var rows = await set.AsNoTracking().ToListAsync();
        Assert.True(rows.Count >= atLeast, $"{typeof(T).Name}: {rows.Count} rows.");
        Assert.All(rows, row => Assert.Equal(TextSearch.KeyOf(row), row.SearchKey));
        Assert.All(rows, row => Assert.NotEqual("", row.SearchKey));
    }

    public sealed class OnSqlite() : TextSearchTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : TextSearchTests(DatabaseProvider.PostgreSQL), IOnPostgreSql
    {
        [Fact]
        public async Task EverySearchKeyHasATrigramIndexAndTheActivitySearchCanUseIt()
        {
            await AddActivityAsync("Lớp Tập huấn nghiệp vụ một cửa");
            await using var db = await _services.ContextAsync();
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();

            await using (var indexes = connection.CreateCommand())
            {
                indexes.CommandText = "SELECT tablename FROM pg_indexes WHERE indexdef LIKE '%USING gin (\"SearchKey\" gin_trgm_ops)%' ORDER BY tablename";
                var tables = new List<string>();
                await using (var reader = await indexes.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
                }
                Assert.Equal(["Activities", "Agencies", "AspNetUsers", "AuditEntries", "Commendations", "Difficulties"], tables);
            }

            // The list's own statement, its one parameter (the pattern) written in: with sequential scans ruled out the
            // planner reads the index, which it could not if the search wrapped the column in a function.
            var sql = db.Activities.WhereMatches(a => a.SearchKey, "Tập huấn").Select(a => a.Id).ToQueryString();
            var parameter = System.Text.RegularExpressions.Regex.Match(sql, @"^-- (@\w+)='%tap huan%'", System.Text.RegularExpressions.RegexOptions.Multiline);
            Assert.True(parameter.Success, sql);
            var statement = string.Join('\n', sql.Split('\n').Where(line => !line.StartsWith("--", StringComparison.Ordinal)))
                .Replace(parameter.Groups[1].Value, "'%tap huan%'", StringComparison.Ordinal);
            await using var explain = connection.CreateCommand();
            explain.CommandText = "SET enable_seqscan = off; EXPLAIN " + statement;
            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
            }
            Assert.Contains(plan, line => line.Contains("IX_Activities_SearchKey", StringComparison.Ordinal));
        }
    }
}
