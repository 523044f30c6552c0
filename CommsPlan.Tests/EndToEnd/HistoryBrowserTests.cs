using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

/// <summary>The "Lịch sử" tab of the records agencies keep, as an officer and a reader see it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HistoryBrowserTests(AppFixture app)
{
    [Fact]
    public async Task AnOfficersEditShowsInTheActivitysHistoryTabByTheirFullNameAndAViewerSeesItToo()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var title = $"Hội nghị tập huấn nghiệp vụ hòa giải ở cơ sở ({tag})";
        var service = app.Services.GetRequiredService<ActivityService>();
        var catalogue = await service.GetCatalogueAsync();
        var stp = catalogue.Agencies.Single(a => a.Code == "STP");
        var saved = await service.CreateAsync(new CurrentUser("e2e-tuphap", "tuphap", [Roles.AgencyOfficer], stp.Id), new ActivityInput
        {
            ChannelId = catalogue.Channels.Single(c => c.Code == "BAO").Id,
            Title = title,
            StartDate = new DateOnly(2021, 10, 5),
            Quantity = 2,
            ObjectiveIds = [catalogue.Objectives[0].Id],
            ThemeIds = [catalogue.Themes[0].Id],
        });

        var officer = await app.LoginAsync("tuphap");
        await app.GotoAsync(officer, $"/activities/{saved.Id}");
        await officer.GetByTestId("quantity").FillAsync("5");
        await officer.GetByTestId("save").ClickAsync();
        await officer.WaitForURLAsync(url => url.EndsWith("/activities", StringComparison.Ordinal));
        await app.GotoAsync(officer, $"/activities/{saved.Id}");
        await officer.GetByRole(AriaRole.Tab, new() { Name = "Lịch sử" }).ClickAsync();

        var history = officer.GetByTestId("audit-history");
        await Assertions.Expect(history.GetByTestId("audit-history-entry")).ToHaveCountAsync(2);
        await Assertions.Expect(history.GetByTestId("audit-history-entry").First).ToContainTextAsync("Cập nhật · Lê Thị Tư Pháp");
        await Assertions.Expect(history.GetByTestId("audit-changes").First).ToContainTextAsync("Số lượng");
        await Assertions.Expect(history.GetByTestId("audit-changes").First).ToContainTextAsync("5");
        await Assertions.Expect(history.GetByTestId("audit-history-entry").Last).ToContainTextAsync("Tạo mới · Lê Thị Tư Pháp");
        await Assertions.Expect(history.GetByTestId("audit-changes").Last).ToContainTextAsync("Sở Tư pháp");
        await Assertions.Expect(officer.GetByRole(AriaRole.Tab, new() { Name = "Lịch sử" })).ToHaveAttributeAsync("aria-selected", "true");
        await officer.Mouse.MoveAsync(0, 0); // no hover highlight in the screenshot
        await AppFixture.ScreenshotAsync(officer, "activity-history");
        await officer.Context.CloseAsync();

        var viewer = await app.LoginAsync("lanhdao");
        await app.GotoAsync(viewer, $"/activities/{saved.Id}");
        await viewer.GetByRole(AriaRole.Tab, new() { Name = "Lịch sử" }).ClickAsync();
        await Assertions.Expect(viewer.GetByTestId("audit-history").GetByTestId("audit-history-entry")).ToHaveCountAsync(2);
        await viewer.Context.CloseAsync();
    }
}
