using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Common.HeavyJobs;
using CommsPlan.Core.Data;
using CommsPlan.Dashboard.Components.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

/// <summary>
/// What a person sees when the server is busy or the database cannot take a save: a place in the queue that moves, a
/// message with Thử lại and the form as typed, and never a success for something that was not saved.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FailureBrowserTests(AppFixture app)
{
    private HeavyJobLimiter Limiter => app.Services.GetRequiredService<HeavyJobLimiter>();

    /// <summary>A heavy job of someone else that runs (or waits) until released.</summary>
    private sealed class OtherJob
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public OtherJob(HeavyJobLimiter limiter, string owner) =>
            Task = limiter.RunAsync(new HeavyJobRequest(owner, "test export"), token => _gate.Task.WaitAsync(token));

        public Task Task { get; }

        public async Task ReleaseAsync()
        {
            _gate.TrySetResult();
            await Task;
        }
    }

    [Fact]
    public async Task WhileTheSlotsAreTakenTheReportPageShowsItsPlaceInTheQueueAsItMovesAndDownloadsOnItsTurn()
    {
        var running = new[] { new OtherJob(Limiter, "other-1"), new OtherJob(Limiter, "other-2") };
        var waiting = new OtherJob(Limiter, "other-3");
        try
        {
            var page = await app.LoginAsync("giamsat");
            await app.GotoAsync(page, "/reports?period=2021-Q1");
            await Assertions.Expect(page.GetByTestId("narrative")).ToContainTextAsync("1. Kết quả thực hiện");
            var download = page.WaitForDownloadAsync(new() { Timeout = 120_000 });

            await page.GetByTestId("export-excel").ClickAsync();

            await Assertions.Expect(page.GetByTestId("export-queue")).ToContainTextAsync("Đang chờ (vị trí 2)");
            await Assertions.Expect(page.GetByTestId("export-excel")).ToContainTextAsync("Đang chờ (vị trí 2)");
            await AppFixture.ScreenshotAsync(page, "report-queued");
            await running[0].ReleaseAsync();
            await Assertions.Expect(page.GetByTestId("export-queue")).ToContainTextAsync("Đang chờ (vị trí 1)");
            await running[1].ReleaseAsync();

            var file = await download;
            Assert.Equal("BaoCao_TruyenThong_TTHC_2020-12-15_2021-03-14.xlsx", file.SuggestedFilename);
            await Assertions.Expect(page.GetByTestId("export-progress")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("export-excel")).ToHaveTextAsync("Xuất Excel");
            await page.Context.CloseAsync();
        }
        finally
        {
            foreach (var job in running.Append(waiting)) await job.ReleaseAsync();
        }
    }

    /// <summary>A new activity of Sở Tư pháp's officer, saved through Core, for the form tests to edit.</summary>
    private async Task<(int Id, string Title)> OfficersActivityAsync()
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>();
        int agency;
        await using (var db = await factory.CreateDbContextAsync())
        {
            agency = await db.Agencies.Where(a => a.Code == "STP").Select(a => a.Id).SingleAsync();
        }
        var officer = new CurrentUser("id-tuphap-test", "tuphap", [Roles.AgencyOfficer], agency);
        var activities = app.Services.GetRequiredService<ActivityService>();
        var catalogue = await activities.GetCatalogueAsync();
        var saved = await activities.CreateAsync(officer, new ActivityInput
        {
            AgencyId = agency,
            ChannelId = catalogue.Channels.First(c => c.Code == "HOINGHI").Id,
            Title = $"Hội nghị để sửa {Guid.NewGuid():N}"[..26],
            StartDate = new DateOnly(2021, 9, 20),
            Quantity = 1,
            ObjectiveIds = [catalogue.Objectives[0].Id],
            ThemeIds = [catalogue.Themes[0].Id],
            Notes = "Ghi chú đã lưu",
        });
        return (saved.Id, saved.Title);
    }

    private async Task<ActivityDetails> StoredAsync(int id) =>
        await app.Services.GetRequiredService<ActivityService>().GetAsync(new CurrentUser("id-giamsat", "giamsat", [Roles.Monitor], null), id);

    private string DatabaseFile =>
        new SqliteConnectionStringBuilder(app.Services.GetRequiredService<CommsPlanDatabase>().ConnectionString).DataSource;

    [Fact]
    public async Task ASaveWhileAnotherProcessHoldsTheDatabaseKeepsTheFormSaysWhyAndThuLaiSavesIt()
    {
        var (id, title) = await OfficersActivityAsync();
        var page = await app.LoginAsync("tuphap");
        await app.GotoAsync(page, $"/activities/{id}");
        await Assertions.Expect(page.GetByTestId("title")).ToHaveValueAsync(title);
        await page.GetByTestId("title").FillAsync("Hội nghị sửa khi cơ sở dữ liệu bận");
        await page.GetByTestId("notes").FillAsync("Ghi chú không được mất");
        await page.GetByTestId("notes").PressAsync("Tab");

        await using (var holder = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False"))
        {
            await holder.OpenAsync();
            await using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();

            await page.GetByTestId("save").ClickAsync();

            await Assertions.Expect(page.GetByTestId("save-failure")).ToContainTextAsync("Cơ sở dữ liệu đang bận");
            await Assertions.Expect(page.GetByTestId("save-failure")).ToContainTextAsync("Nội dung bạn nhập vẫn còn nguyên");
            await Assertions.Expect(page.GetByTestId("title")).ToHaveValueAsync("Hội nghị sửa khi cơ sở dữ liệu bận");
            await Assertions.Expect(page.GetByTestId("notes")).ToHaveValueAsync("Ghi chú không được mất");
            await AppFixture.ScreenshotAsync(page, "activity-form-busy");
        }
        Assert.Equal(title, (await StoredAsync(id)).Title);

        await page.GetByTestId("retry").ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/activities", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Đã lưu thay đổi");
        var stored = await StoredAsync(id);
        Assert.Equal("Hội nghị sửa khi cơ sở dữ liệu bận", stored.Title);
        Assert.Equal("Ghi chú không được mất", stored.Notes);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ADescriptionAsLongAsCoreAcceptsInThreeByteLettersReachesTheServerAndIsSaved()
    {
        var (id, _) = await OfficersActivityAsync();
        var description = new string('ệ', ActivityLimits.DescriptionMaxLength);
        var page = await app.LoginAsync("tuphap");
        await app.GotoAsync(page, $"/activities/{id}");
        await Assertions.Expect(page.GetByTestId("title")).ToBeVisibleAsync();

        await page.GetByLabel("Mô tả").FillAsync(description);
        await page.GetByLabel("Mô tả").PressAsync("Tab");
        await page.GetByTestId("save").ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/activities", StringComparison.Ordinal));
        Assert.Equal(description, (await StoredAsync(id)).Description);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ANoteFarPastTheLimitSentByAScriptDropsTheConnectionAndTheNextSaveStoresNothingAndSaysWhy()
    {
        var (id, _) = await OfficersActivityAsync();
        var page = await app.LoginAsync("tuphap");
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            lock (console) console.Add(message.Text);
        };
        await app.GotoAsync(page, $"/activities/{id}");
        await Assertions.Expect(page.GetByTestId("notes")).ToHaveValueAsync("Ghi chú đã lưu");

        // A browser never sends this (the field's maxlength is Core's); a script or a broken client can.
        await page.GetByTestId("notes").EvaluateAsync(
            "el => { el.value = 'x'.repeat(40000); el.dispatchEvent(new Event('change', { bubbles: true })); }");
        await WaitForAsync(() => console.Any(m => m.Contains("Connection disconnected")), "the hub to refuse the message");
        await WaitForAsync(() => console.SkipWhile(m => !m.Contains("Connection disconnected")).Any(m => m.Contains("WebSocket connected")),
            "the page to reconnect");
        await AppFixture.WaitForInteractiveAsync(page);
        await page.GetByTestId("save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("save-failure")).ToContainTextAsync(SaveGuard.InterruptedMessage);
        await Assertions.Expect(page.GetByTestId("notes")).ToHaveValueAsync("Ghi chú đã lưu");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        Assert.Equal("Ghi chú đã lưu", (await StoredAsync(id)).Notes);
        Assert.EndsWith($"/activities/{id}", page.Url);
        await page.Context.CloseAsync();

        async Task WaitForAsync(Func<bool> condition, string what)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                lock (console)
                {
                    if (condition()) return;
                }
                Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
                await Task.Delay(50);
            }
        }
    }
}
