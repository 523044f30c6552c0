using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CommsPlan.Core.Api;
using CommsPlan.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommsPlan.Tests.EndToEnd;

/// <summary>What a newspaper's CMS posts over the API is what the agency's officer then finds on the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ActivityApiBrowserTests(AppFixture app)
{
    [Fact]
    public async Task AnArticleTheCmsPostedAppearsOnTheActivityPageWithItsIdInTheCms()
    {
        var tokens = app.Services.GetRequiredService<ApiTokenService>();
        int baotn;
        await using (var db = app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CommsPlan.Core.Data.CommsPlanDbContext>>().CreateDbContext())
        {
            baotn = db.Agencies.Single(a => a.Code == "BAOTN").Id;
        }
        var (_, secret) = await tokens.CreateAsync(ActingUsers.Admin, new("CMS Báo Thái Nguyên", baotn, ApiScopes.Write, new DateOnly(2022, 6, 30)));
        var externalId = "bao-" + Guid.NewGuid().ToString("N")[..8];
        var title = $"Thái Nguyên đẩy mạnh cải cách thủ tục hành chính ({externalId})";
        using var cms = new HttpClient { BaseAddress = app.BaseAddress };
        cms.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var posted = await cms.PostAsync("/api/v1/activities", new StringContent(
            $$"""{"channel":"BAO","title":"{{title}}","startDate":"2021-10-18","quantity":1,"objectives":["MĐ1"],"themes":["ND1"],"evidenceUrl":"https://baothainguyen.vn/{{externalId}}.html","externalId":"{{externalId}}"}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = (int)JsonNode.Parse(await posted.Content.ReadAsStringAsync())!["id"]!;

        var page = await app.LoginAsync("baotn");
        await app.GotoAsync(page, $"/activities/{id}");

        await Assertions.Expect(page.GetByTestId("title")).ToHaveValueAsync(title);
        await Assertions.Expect(page.GetByTestId("external-id")).ToHaveTextAsync($"Mã ở hệ thống nguồn: {externalId}");
        await Assertions.Expect(page.GetByTestId("stamps")).ToContainTextAsync("Tạo bởi Mã truy cập: CMS Báo Thái Nguyên");
        await page.GetByTestId("external-id").ScrollIntoViewIfNeededAsync();
        await AppFixture.ScreenshotAsync(page, "activity-from-api");
    }
}
