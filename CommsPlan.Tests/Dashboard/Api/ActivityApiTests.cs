using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Api;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Data;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommsPlan.Tests.Dashboard.Api.ActivityApiTestKit;

namespace CommsPlan.Tests.Dashboard.Api;

/// <summary>
/// /api/v1/activities over HTTP on the real app and demo database, with real tokens: what an agency's CMS and the
/// province's reporting system see. Each test makes its own activities (titles carry a fresh marker) and tokens.
/// </summary>
[Collection(ActivityApiCollection.Name)]
public sealed class ActivityApiTests(InProcessApp app)
{
    private const string Path = "/api/v1/activities";

    private static string Marker() => "api" + Guid.NewGuid().ToString("N")[..10];

    private static string Article(string title, string date = "2021-10-18", string extra = "") =>
        $$"""{"channel":"BAO","title":"{{title}}","startDate":"{{date}}","quantity":1,"objectives":["MĐ1"],"themes":["ND1"]{{extra}}}""";

    private static async Task<JsonNode> BodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private static async Task<JsonNode> CreatedAsync(HttpClient client, string json)
    {
        using var response = await client.PostAsync(Path, Json(json));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await BodyAsync(response);
    }

    private static HttpRequestMessage Put(string path, string json, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = Json(json) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Fact]
    public async Task CreateAnswers201WithTheActivityItsLocationAndVersionAsETag()
    {
        using var client = await ClientAsync(app, "BAOTN");
        var title = $"Bài viết {Marker()}";
        using var response = await client.PostAsync(Path, Json(Article(title, extra: ""","district":"DAITU","cost":1500000,"evidenceUrl":"https://baothainguyen.vn/a.html","externalId":"cms-1-""" + Marker() + "\"")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await BodyAsync(response);
        var id = (int)body["id"]!;
        Assert.Equal($"{Path}/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal($"\"{(long)body["version"]!}\"", response.Headers.ETag!.Tag);
        Assert.Equal(title, (string?)body["title"]);
        Assert.Equal("BAOTN", (string?)body["agency"]);
        Assert.Equal("BAO", (string?)body["channel"]);
        Assert.Equal(2021, (int)body["plan"]!);
        Assert.Equal("2021-10-18", (string?)body["startDate"]);
        Assert.Equal(["MĐ1"], body["objectives"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["ND1"], body["themes"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(1_500_000, (long)body["cost"]!);
        Assert.StartsWith("cms-1-", (string?)body["externalId"]);
        Assert.StartsWith("api:", (string?)body["createdBy"]);

        using var read = await client.GetAsync($"{Path}/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(response.Headers.ETag!.Tag, read.Headers.ETag!.Tag);
        Assert.Equal(title, (string?)(await BodyAsync(read))["title"]);
    }

    [Fact]
    public async Task CreateAcceptsTheAsciiCodesAsTheImportDoes()
    {
        using var client = await ClientAsync(app, "BAOTN");
        var body = await CreatedAsync(client,
            $$"""{"channel":"bao","title":"{{Marker()}}","startDate":"2021-10-18","quantity":2,"objectives":["MD1","MD2"],"themes":["nd1"]}""");
        Assert.Equal(["MĐ1", "MĐ2"], body["objectives"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(2, (int)body["quantity"]!);
    }

    [Fact]
    public async Task ListFiltersAndPagesWithTheTotalCount()
    {
        using var client = await ClientAsync(app, "BAOTN");
        var marker = Marker();
        var first = await CreatedAsync(client, Article($"Tin {marker} một", "2021-10-11"));
        var second = await CreatedAsync(client, Article($"Tin {marker} hai", "2021-10-18"));
        await CreatedAsync(client, Article($"Tin {marker} ba", "2021-09-01").Replace("\"BAO\"", "\"PTTH\""));

        using var page1 = await client.GetAsync($"{Path}?plan=2021&channel=BAO&q={marker}&pageSize=1&sort=-date");
        Assert.Equal(HttpStatusCode.OK, page1.StatusCode);
        var one = await BodyAsync(page1);
        Assert.Equal(2, (int)one["totalCount"]!);
        Assert.Equal(1, (int)one["page"]!);
        Assert.Equal((int)second["id"]!, (int)one["items"]![0]!["id"]!);
        Assert.Single(one["items"]!.AsArray());

        using var page2 = await client.GetAsync($"{Path}?plan=2021&channel=BAO&q={marker}&pageSize=1&page=2&sort=-date");
        Assert.Equal((int)first["id"]!, (int)(await BodyAsync(page2))["items"]![0]!["id"]!);

        using var dated = await client.GetAsync($"{Path}?q={marker}&from=2021-10-01&to=2021-10-15&objective=MĐ1&theme=ND1");
        var inRange = await BodyAsync(dated);
        Assert.Equal(1, (int)inRange["totalCount"]!);
        Assert.Equal("BAOTN", (string?)inRange["items"]![0]!["agency"]);
    }

    [Fact]
    public async Task ListRefusesAFilterItCannotReadInsteadOfListingEverything()
    {
        using var client = await ClientAsync(app, "BAOTN");
        using var response = await client.GetAsync($"{Path}?plan=2021&channel=XYZ&from=18/10/2021&pageSize=0");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await BodyAsync(response))["errors"]!;
        Assert.Equal("Hình thức «XYZ» không có trong kế hoạch năm 2021.", (string?)errors["channel"]![0]);
        Assert.NotNull(errors["from"]);
        Assert.NotNull(errors["pageSize"]);
    }

    [Fact]
    public async Task AnAgencyTokenListsOnlyItsAgencyAndTheProvinceTokenEveryAgency()
    {
        using var baotn = await ClientAsync(app, "BAOTN");
        var marker = Marker();
        await CreatedAsync(baotn, Article($"Tin {marker}"));
        using var daitu = await ClientAsync(app, "DAITU");
        using var province = await ClientAsync(app, null, ApiScopes.Read);

        Assert.Equal(0, (int)(await BodyAsync(await daitu.GetAsync($"{Path}?q={marker}")))["totalCount"]!);
        Assert.Equal(1, (int)(await BodyAsync(await province.GetAsync($"{Path}?q={marker}")))["totalCount"]!);
        Assert.Equal(1, (int)(await BodyAsync(await province.GetAsync($"{Path}?q={marker}&agency=BAOTN")))["totalCount"]!);
        using var other = await daitu.GetAsync($"{Path}?agency=BAOTN");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task ValidationErrorsAreTheFormsMessagesForTheSameInput()
    {
        using var client = await ClientAsync(app, "BAOTN");
        using var response = await client.PostAsync(Path, Json(
            """{"channel":"BAO","title":" ","startDate":"2021-10-25","quantity":1.5,"objectives":[],"themes":["ND1"],"evidenceUrl":"ftp://x","cost":-1}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await BodyAsync(response))["errors"]!.AsObject()
            .Select(e => $"{e.Key}: {string.Join(" | ", e.Value!.AsArray().Select(m => (string)m!))}").Order().ToList();

        // The same input through the form's validator (ActivityService.CreateValidatorAsync, as the editor builds it).
        var activities = app.Services.GetRequiredService<ActivityService>();
        var validator = await activities.CreateValidatorAsync(2021);
        var catalogue = validator.Context.Catalogue;
        var form = validator.Validate(new ActivityInput
        {
            AgencyId = await AgencyIdAsync(app, "BAOTN"),
            ChannelId = catalogue.Channels.Single(c => c.Code == "BAO").Id,
            Title = " ",
            StartDate = new DateOnly(2021, 10, 25),
            Quantity = 1.5m,
            ObjectiveIds = [],
            ThemeIds = [catalogue.Themes.Single(t => t.DisplayCode == "ND1").Id],
            EvidenceUrl = "ftp://x",
            Cost = -1,
        });
        var expected = form.Errors.GroupBy(e => ActivityApiService.FieldName(e.PropertyName))
            .Select(g => $"{g.Key}: {string.Join(" | ", g.Select(e => e.ErrorMessage))}").Order().ToList();
        Assert.Equal(6, expected.Count); // cost, evidenceUrl, objectives, quantity, startDate, title
        Assert.Equal(expected, errors);
    }

    [Fact]
    public async Task AnUnknownCodeIsNamedBesideTheFormsMessagesForTheOtherFields()
    {
        using var client = await ClientAsync(app, "BAOTN");
        using var response = await client.PostAsync(Path, Json(
            """{"channel":"XYZ","title":"","startDate":"2021-10-18","quantity":1,"objectives":["MĐ9"],"themes":["ND1"]}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await BodyAsync(response))["errors"]!;
        Assert.Equal("Hình thức «XYZ» không có trong kế hoạch năm 2021.", (string?)errors["channel"]![0]);
        Assert.StartsWith("Mục đích: không có mã «MĐ9» trong kế hoạch năm 2021", (string?)errors["objectives"]![0]);
        Assert.Equal($"Chưa nhập {ActivityInputValidator.Labels.Title}.", (string?)errors["title"]![0]);
        Assert.Null(errors["themes"]);
    }

    [Fact]
    public async Task AValueOfTheWrongTypeIsNamedByItsField()
    {
        using var client = await ClientAsync(app, "BAOTN");
        using var response = await client.PostAsync(Path, Json(Article("x").Replace("\"2021-10-18\"", "\"18/10/2021\"")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("Ngày thực hiện: giá trị không đúng kiểu", (string?)(await BodyAsync(response))["errors"]!["startDate"]![0]);

        using var notJson = await client.PostAsync(Path, Json("{\"title\":"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public async Task UpdateNeedsIfMatchAndAStaleVersionAnswers412NamingWhoChangedIt()
    {
        var (token, secret) = await TokenAsync(app, "BAOTN", ApiScopes.Read | ApiScopes.Write);
        using var client = Bearer(app, secret);
        var created = await CreatedAsync(client, Article(Marker()));
        var id = (int)created["id"]!;
        var version = (long)created["version"]!;

        using var missing = await client.SendAsync(Put($"{Path}/{id}", Article("Đã sửa"), null));
        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.StartsWith("Vui lòng gửi If-Match", (string?)(await BodyAsync(missing))["detail"]);

        using var updated = await client.SendAsync(Put($"{Path}/{id}", Article("Đã sửa"), $"\"{version}\""));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = await BodyAsync(updated);
        Assert.Equal("Đã sửa", (string?)after["title"]);
        Assert.True((long)after["version"]! > version);
        Assert.Equal($"\"{(long)after["version"]!}\"", updated.Headers.ETag!.Tag);

        using var stale = await client.SendAsync(Put($"{Path}/{id}", Article("Lần nữa"), $"\"{version}\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await BodyAsync(stale);
        Assert.Equal(ApiTokenRules.UserNameOf(token.Name), (string?)problem["changedBy"]);
        Assert.Contains(ApiTokenRules.UserNameOf(token.Name), (string?)problem["detail"]);
        Assert.Equal("Đã sửa", (string?)(await BodyAsync(await client.GetAsync($"{Path}/{id}")))["title"]);
    }

    [Fact]
    public async Task DeleteNeedsIfMatchAndAnswers204()
    {
        using var client = await ClientAsync(app, "BAOTN");
        var created = await CreatedAsync(client, Article(Marker()));
        var id = (int)created["id"]!;

        using var missing = await client.DeleteAsync($"{Path}/{id}");
        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Path}/{id}");
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{(long)created["version"]!}\"");
        using var deleted = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await client.GetAsync($"{Path}/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task AnotherAgencysTokenGets404OnGetPutAndDelete()
    {
        using var owner = await ClientAsync(app, "BAOTN");
        var created = await CreatedAsync(owner, Article(Marker(), extra: $",\"externalId\":\"{Marker()}\""));
        var id = (int)created["id"]!;
        var etag = $"\"{(long)created["version"]!}\"";
        using var other = await ClientAsync(app, "DAITU");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Path}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(Put($"{Path}/{id}", Article("x"), etag))).StatusCode);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"{Path}/{id}");
        delete.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(delete)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.GetAsync($"{Path}/by-external-id/{Uri.EscapeDataString((string)created["externalId"]!)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"{Path}/{id}")).StatusCode);
    }

    [Fact]
    public async Task AReadOnlyTokenGets403OnCreateAndTheProvinceTokenToo()
    {
        using var readOnly = await ClientAsync(app, "BAOTN", ApiScopes.Read);
        using var refused = await readOnly.PostAsync(Path, Json(Article(Marker())));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync(Path)).StatusCode);

        using var province = await ClientAsync(app, null, ApiScopes.Read);
        Assert.Equal(HttpStatusCode.Forbidden, (await province.PostAsync(Path, Json(Article(Marker())))).StatusCode);
    }

    [Fact]
    public async Task ExpiredRevokedAndMissingTokensGet401WithAProblemBody()
    {
        var expired = await app.ExpiredTokenAsync("BAOTN");
        var (revokedToken, revoked) = await TokenAsync(app, "BAOTN", ApiScopes.Read | ApiScopes.Write);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>().CreateDbContextAsync())
        {
            await db.ApiTokens.Where(t => t.Id == revokedToken.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, DateTime.UtcNow).SetProperty(t => t.RevokedBy, "admin"));
        }
        using var anonymous = app.NewClient();
        foreach (var client in new[] { Bearer(app, expired), Bearer(app, revoked), anonymous })
        {
            using var read = await client.GetAsync(Path);
            Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
            Assert.Equal("application/problem+json", read.Content.Headers.ContentType!.MediaType);
            Assert.Equal(401, (int)(await BodyAsync(read))["status"]!);
            using var write = await client.PostAsync(Path, Json(Article(Marker())));
            Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        }
    }

    [Fact]
    public async Task ASignedInBrowsersCookieDoesNotAuthenticateTheApi()
    {
        using var browser = await app.SignedInClientAsync("baotn");
        using var response = await browser.GetAsync(Path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        using var write = await browser.PostAsync(Path, Json(Article(Marker())));
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        // A form post with the cookie meets the antiforgery check first: refused before any handler runs.
        using var form = await browser.PostAsync(Path, new FormUrlEncodedContent([new("title", "x")]));
        Assert.Contains(form.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest });
        Assert.DoesNotContain("Nội dung", await form.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ACreateInALockedPeriodAnswers409WithTheLocksReason()
    {
        var locks = app.Services.GetRequiredService<IActivityLock>();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>().CreateDbContextAsync();
        var agencies = await db.PeriodReports.Where(r => r.Status == PeriodReportStatus.Submitted || r.Status == PeriodReportStatus.Accepted)
            .Select(r => r.AgencyId).Distinct()
            .Join(db.Agencies.Where(a => a.IsActive && a.SuccessorId == null), id => id, a => a.Id, (_, a) => a.Code)
            .ToListAsync();
        (string Agency, DateOnly Day, string Reason)? found = null;
        foreach (var code in agencies.Order())
        {
            var id = await AgencyIdAsync(app, code);
            DateOnly[] days = [new(2021, 3, 15), new(2021, 6, 15), new(2021, 9, 15)];
            var reasons = await locks.ReasonsAsync(db, id, days, CancellationToken.None);
            if (reasons.Count > 0) { found = (code, reasons.Keys.First(), reasons.Values.First()); break; }
        }
        Assert.True(found is not null, "The demo data has a submitted quarter to test the lock on.");

        using var client = await ClientAsync(app, found.Value.Agency);
        using var response = await client.PostAsync(Path, Json(Article(Marker(), found.Value.Day.ToString("yyyy-MM-dd"))));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(found.Value.Reason, (string?)(await BodyAsync(response))["detail"]);
    }

    [Fact]
    public async Task AnApiCreateRaisesTheSameChangeNotificationAsAPageSave()
    {
        var notifier = app.Services.GetRequiredService<IDataChangeNotifier>();
        var agencyId = await AgencyIdAsync(app, "BAOTN");
        var seen = new TaskCompletionSource<DataChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = notifier.Subscribe(change =>
        {
            if (change.Kind == ActivityService.ChangeKind && change.AgencyId == agencyId) seen.TrySetResult(change);
            return Task.CompletedTask;
        });
        using var client = await ClientAsync(app, "BAOTN");
        await CreatedAsync(client, Article(Marker()));
        var change = await seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new DataChange(ActivityService.ChangeKind, agencyId), change);
    }

    [Fact]
    public async Task ThePageShowsWhatTheApiRecordedWithItsExternalId()
    {
        using var client = await ClientAsync(app, "BAOTN");
        var externalId = "cms-" + Marker();
        var created = await CreatedAsync(client, Article(Marker(), extra: $",\"externalId\":\"{externalId}\""));
        var officer = new CommsPlan.Core.Access.CurrentUser("id-baotn", "baotn", [CommsPlan.Core.Access.Roles.AgencyOfficer],
            await AgencyIdAsync(app, "BAOTN"));
        var details = await app.Services.GetRequiredService<ActivityService>().GetAsync(officer, (int)created["id"]!);
        Assert.Equal(externalId, details.ExternalId);
        // A page save starts from ToInput: the external id survives it.
        Assert.Equal(externalId, details.ToInput().ExternalId);
    }
}
