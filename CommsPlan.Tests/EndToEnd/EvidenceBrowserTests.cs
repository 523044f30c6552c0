using CommsPlan.Core.Access;
using CommsPlan.Core.Data;
using CommsPlan.Core.Evidence;
using CommsPlan.Tests.Core.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkiaSharp;

namespace CommsPlan.Tests.EndToEnd;

/// <summary>Evidence files through the running app: the form's upload and thumbnails, and `GET /api/evidence/{id}` with real cookies.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EvidenceBrowserTests(AppFixture app)
{
    /// <summary>A Quý I/2021 conference of <paramref name="agency"/> with a unique title; its id.</summary>
    private async Task<int> ActivityAsync(string agency, string title)
    {
        await ReportTestData.AddQuarterOneActivitiesAsync(app, (agency, title));
        var factory = app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Activities.Where(a => a.Title == title).Select(a => a.Id).SingleAsync();
    }

    private async Task<CurrentUser> OfficerAsync(string agency, string userName)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return new CurrentUser($"id-{userName}", userName, [Roles.AgencyOfficer], await db.Agencies.Where(a => a.Code == agency).Select(a => a.Id).SingleAsync());
    }

    [Fact]
    public async Task AnOfficerAttachesAPhotoToAnActivityAndSeesItsThumbnail()
    {
        var title = ReportTestData.UniqueTitle("Hội nghị triển khai Đề án 06");
        var id = await ActivityAsync("STP", title);
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"commsplan-evidence-{Guid.NewGuid():N}")).FullName;
        var photo = Path.Combine(folder, "Ảnh hội nghị triển khai Đề án 06.jpg");
        await File.WriteAllBytesAsync(photo, EvidenceSamples.Image(SKEncodedImageFormat.Jpeg, 1200, 800));
        var page = await app.LoginAsync("tuphap");
        await app.GotoAsync(page, $"/activities/{id}");
        await Assertions.Expect(page.GetByTestId("evidence-none")).ToBeVisibleAsync();
        // Typed into the form before the upload: the upload must leave it as it is.
        await page.GetByTestId("notes").FillAsync("Ghi chú chưa lưu");

        await page.GetByTestId("evidence-files").Locator("input[type=file]").SetInputFilesAsync(photo);

        var thumbnail = page.GetByTestId("evidence-thumbnail");
        await Assertions.Expect(thumbnail).ToHaveCountAsync(1);
        await Assertions.Expect(thumbnail).ToHaveAttributeAsync("alt", Path.GetFileName(photo));
        // The picture really arrived: the browser decoded the thumbnail the endpoint served.
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=evidence-thumbnail]'); return i && i.complete && i.naturalWidth === 320; }");
        await Assertions.Expect(page.GetByTestId("evidence-image")).ToContainTextAsync("KB");
        await Assertions.Expect(page.GetByTestId("notes")).ToHaveValueAsync("Ghi chú chưa lưu");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Đã đính kèm 1 tệp.");
        await page.GetByTestId("evidence-files").ScrollIntoViewIfNeededAsync();
        await AppFixture.ScreenshotAsync(page, "evidence-thumbnail");
        await page.Context.CloseAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ARefusedFileSaysWhyInVietnameseAndTheFormKeepsWhatWasTyped()
    {
        var id = await ActivityAsync("STP", ReportTestData.UniqueTitle("Tập huấn một cửa"));
        var fake = Path.Combine(Path.GetTempPath(), $"anh-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(fake, EvidenceSamples.Executable());
        var page = await app.LoginAsync("tuphap");
        await app.GotoAsync(page, $"/activities/{id}");
        await page.GetByTestId("notes").FillAsync("Ghi chú chưa lưu");

        await page.GetByTestId("evidence-files").Locator("input[type=file]").SetInputFilesAsync(fake);

        await Assertions.Expect(page.GetByTestId("evidence-errors")).ToContainTextAsync("là một chương trình chạy được");
        await Assertions.Expect(page.GetByTestId("evidence-none")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("notes")).ToHaveValueAsync("Ghi chú chưa lưu");
        await page.Context.CloseAsync();
        File.Delete(fake);
    }

    [Fact]
    public async Task AFileDownloadsAsAnAttachmentOnlyForThoseWhoMayReadItsRecord()
    {
        var id = await ActivityAsync("STP", ReportTestData.UniqueTitle("Hội nghị"));
        var pdf = EvidenceSamples.Pdf();
        var saved = await app.Services.GetRequiredService<EvidenceService>()
            .AddAsync(await OfficerAsync("STP", "tuphap"), EvidenceOwner.Activity(id), "Bài báo Thái Nguyên số 1.pdf", new MemoryStream(pdf));
        var url = $"/api/evidence/{saved.Id}";
        var officer = await app.LoginAsync("tuphap");
        var monitor = await app.LoginAsync("giamsat");
        var otherAgency = await app.LoginAsync("daitu");

        var own = await officer.Context.APIRequest.GetAsync(url);
        var read = await monitor.Context.APIRequest.GetAsync(url);
        var refused = await otherAgency.Context.APIRequest.GetAsync(url);
        var refusedThumbnail = await otherAgency.Context.APIRequest.GetAsync(url + "/thumbnail");
        var missing = await officer.Context.APIRequest.GetAsync("/api/evidence/999999");
        var anonymous = await (await app.NewContextAsync()).APIRequest.GetAsync(url, new() { MaxRedirects = 0 });

        Assert.Equal(200, own.Status);
        Assert.Equal(pdf, await own.BodyAsync());
        Assert.Equal("application/pdf", own.Headers["content-type"]);
        Assert.Equal("nosniff", own.Headers["x-content-type-options"]);
        var disposition = own.Headers["content-disposition"];
        Assert.StartsWith("attachment;", disposition, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''B%C3%A0i%20b%C3%A1o%20Th%C3%A1i%20Nguy%C3%AAn%20s%E1%BB%91%201.pdf", disposition);
        Assert.Equal(200, read.Status);
        Assert.Equal(404, refused.Status);
        Assert.Equal(404, refusedThumbnail.Status);
        Assert.Equal(404, missing.Status);
        Assert.Equal(401, anonymous.Status);
        foreach (var page in new[] { officer, monitor, otherAgency }) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheReadOnlyViewShowsTheEvidenceLinkAsALink()
    {
        var title = ReportTestData.UniqueTitle("Tọa đàm");
        var id = await ActivityAsync("STP", title);
        var factory = app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>();
        await using (var db = await factory.CreateForAsync(CurrentUser.System, TimeProvider.System))
        {
            var activity = await db.Activities.SingleAsync(a => a.Id == id);
            activity.EvidenceUrl = "https://baothainguyen.vn/toa-dam-cai-cach-thu-tuc";
            await db.SaveChangesAsync();
        }
        var page = await app.LoginAsync("giamsat");

        await app.GotoAsync(page, $"/activities/{id}");

        var link = page.GetByTestId("evidence-url");
        await Assertions.Expect(link).ToHaveAttributeAsync("href", "https://baothainguyen.vn/toa-dam-cai-cach-thu-tuc");
        await Assertions.Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Assertions.Expect(page.GetByTestId("evidence-files").Locator("input[type=file]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
