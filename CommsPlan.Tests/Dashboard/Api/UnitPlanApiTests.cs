using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommsPlan.Core.Access;
using CommsPlan.Core.Api;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Dashboard.Api;

/// <summary>
/// /api/v1/agencies and /api/v1/unit-plans over HTTP: what each token reads, and an agency's write token recording its
/// own unit plan through the editor's save path (its validator's messages, If-Match, the audit stamp).
/// </summary>
public sealed class UnitPlanApiTests(InProcessApp app) : IClassFixture<InProcessApp>
{
    [Fact]
    public async Task AProvinceTokenListsEveryAgencyAndAnAgencyTokenOnlyItsOwn()
    {
        using var province = await app.TokenClientAsync(null);
        using var agency = await app.TokenClientAsync("STP");
        await using var db = app.CreateContext();
        var all = await db.Agencies.Select(a => a.Code).ToListAsync();

        var seenByProvince = (await (await province.GetAsync("/api/v1/agencies")).JsonAsync(HttpStatusCode.OK)).AsArray();
        var seenByAgency = (await (await agency.GetAsync("/api/v1/agencies")).JsonAsync(HttpStatusCode.OK)).AsArray();

        Assert.Equal(all.Order(), seenByProvince.Select(a => a!["code"]!.GetValue<string>()).Order());
        var stp = Assert.Single(seenByAgency)!;
        Assert.Equal("STP", stp["code"]!.GetValue<string>());
        Assert.Equal("Department", stp["kind"]!.GetValue<string>());
        Assert.Equal("Sở, ban, ngành", stp["kindName"]!.GetValue<string>());
        Assert.True(stp["active"]!.GetValue<bool>());
        Assert.Null(stp["successorCode"]);
    }

    [Fact]
    public async Task TheListIsTheUnitPlanServicesOverviewInTheTokensScope()
    {
        var (provinceToken, provinceSecret) = await app.CreateTokenAsync(null);
        var (agencyToken, agencySecret) = await app.CreateTokenAsync("DAITU");
        using var province = app.BearerClient(provinceSecret);
        using var agency = app.BearerClient(agencySecret);
        var service = app.Services.GetRequiredService<UnitPlanService>();

        var all = await (await province.GetAsync("/api/v1/unit-plans?plan=2021")).JsonAsync(HttpStatusCode.OK);
        var own = await (await agency.GetAsync("/api/v1/unit-plans")).JsonAsync(HttpStatusCode.OK);

        Assert.True(JsonNode.DeepEquals(ApiTestClients.Wire(ApiUnitPlanList.From(2021,
            await service.GetOverviewAsync(ApiTestClients.UserOf(provinceToken), 2021))), all));
        Assert.True(all["agencies"]!.AsArray().Count > 20);
        Assert.Equal("NV1", all["assignmentCode"]!.GetValue<string>());
        Assert.Equal("DAITU", Assert.Single(own["agencies"]!.AsArray())!["agencyCode"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(ApiTestClients.Wire(ApiUnitPlanList.From(2021,
            await service.GetOverviewAsync(ApiTestClients.UserOf(agencyToken), 2021))), own));
    }

    [Fact]
    public async Task AnotherAgencysUnitPlanIsNotFoundForAnAgencyTokenAndReadableForTheProvince()
    {
        var code = await AgencyWithUnitPlanAsync(1);
        using var other = await app.TokenClientAsync("TPTN");
        using var province = await app.TokenClientAsync(null);

        var refused = await (await other.GetAsync($"/api/v1/unit-plans/{code}?plan=2021")).ProblemAsync(HttpStatusCode.NotFound);
        using var read = await province.GetAsync($"/api/v1/unit-plans/{code.ToLowerInvariant()}?plan=2021");

        Assert.Contains("tham số agencyCode", refused["detail"]!.GetValue<string>());
        var plan = await read.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(code, plan["agencyCode"]!.GetValue<string>());
        Assert.Equal($"\"{plan["version"]!.GetValue<long>()}\"", read.Headers.ETag!.Tag);
        Assert.NotEmpty(plan["targets"]!.AsArray());
    }

    [Fact]
    public async Task UnknownPlanYearsAndMalformedOnesAreRefusedNamingTheParameter()
    {
        using var client = await app.TokenClientAsync(null);

        var missing = await (await client.GetAsync("/api/v1/unit-plans?plan=2022")).ProblemAsync(HttpStatusCode.NotFound);
        var malformed = await (await client.GetAsync("/api/v1/unit-plans?plan=hai-nghin")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("Không có kế hoạch năm 2022 đã ban hành (tham số plan)", missing["detail"]!.GetValue<string>());
        Assert.Contains("plan=2022", malformed["errors"]!["plan"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task AnAgencyWriteTokenRecordsItsFirstUnitPlanStampedWithTheTokensName()
    {
        var code = await AgencyWithoutUnitPlanAsync();
        var (_, secret) = await app.CreateTokenAsync(code, ApiScopes.Write, name: "Hệ thống văn bản " + code);
        using var client = app.BearerClient(secret);

        using var created = await client.PutAsJsonAsync("/api/v1/unit-plans/mine?plan=2021", new
        {
            documentNumber = "45/KH-TEST",
            issuedOn = "2021-04-02",
            link = "https://thainguyen.gov.vn/ke-hoach-45",
            targets = new object[] { new { channel = "BAO", quantity = 12 }, new { channel = "toroi", quantity = 3000 }, new { channel = "PANO", quantity = 0 } },
        });

        var body = await created.JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/unit-plans/{code}?plan=2021", created.Headers.Location!.OriginalString);
        Assert.Equal("api:Hệ thống văn bản " + code, body["updatedBy"]!.GetValue<string>());
        Assert.Equal([("BAO", 12), ("TOROI", 3000)],
            body["targets"]!.AsArray().Select(t => (t!["channel"]!.GetValue<string>(), t["quantity"]!.GetValue<int>())));
        var saved = await app.Services.GetRequiredService<UnitPlanService>()
            .FindForAgencyAsync(ActingUsers.Monitor, await app.AgencyIdAsync(code), 2021);
        Assert.Equal("45/KH-TEST", saved!.DocumentNumber);
        Assert.Equal(new DateOnly(2021, 4, 2), saved.IssuedOn);
        Assert.Equal("api:Hệ thống văn bản " + code, saved.UpdatedBy);
        Assert.Equal($"\"{saved.Version}\"", created.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task AnUpdateNeedsTheVersionItStartedFrom()
    {
        var code = await AgencyWithUnitPlanAsync(0);
        using var client = await app.TokenClientAsync(code, ApiScopes.Write);
        using var read = await client.GetAsync($"/api/v1/unit-plans/{code}?plan=2021");
        var current = await read.JsonAsync(HttpStatusCode.OK);
        var etag = read.Headers.ETag!.Tag;
        var input = new { documentNumber = "99/KH-SUA", issuedOn = current["issuedOn"]!.GetValue<string>(), targets = new[] { new { channel = "BAO", quantity = 5 } } };

        using var withoutVersion = await client.PutAsJsonAsync("/api/v1/unit-plans/mine", input);
        var stale = await SendAsync(client, input, "\"0\"");
        var saved = await SendAsync(client, input, etag);
        var again = await SendAsync(client, input, etag);

        var required = await withoutVersion.ProblemAsync((HttpStatusCode)428);
        Assert.Contains("If-Match", required["detail"]!.GetValue<string>());
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);
        var body = await saved.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("99/KH-SUA", body["documentNumber"]!.GetValue<string>());
        Assert.NotEqual(etag, saved.Headers.ETag!.Tag);
        var conflict = await again.ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.StartsWith("api:", conflict["changedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task InvalidInputIsA422WithTheFormsMessagesPerField()
    {
        var code = await AgencyWithoutUnitPlanAsync();
        using var client = await app.TokenClientAsync(code, ApiScopes.Write);

        var invalid = await (await client.PutAsJsonAsync("/api/v1/unit-plans/mine",
            new { documentNumber = " ", issuedOn = "2021-12-01", link = "ftp://x", targets = new[] { new { channel = "BAO", quantity = -1 } } }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var unknownChannel = await (await client.PutAsJsonAsync("/api/v1/unit-plans/mine",
            new { documentNumber = "1/KH", issuedOn = "2021-04-01", targets = new[] { new { channel = "FAX", quantity = 1 } } }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var wrongType = await (await client.PutAsync("/api/v1/unit-plans/mine",
            new StringContent("""{"documentNumber":"1/KH","issuedOn":"mùng một"}""", System.Text.Encoding.UTF8, "application/json")))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        var errors = invalid["errors"]!;
        Assert.Equal("Số văn bản là bắt buộc.", errors["documentNumber"]![0]!.GetValue<string>());
        Assert.Equal("Ngày ban hành không được sau ngày hôm nay (20/10/2021).", errors["issuedOn"]![0]!.GetValue<string>());
        Assert.Equal("Đường dẫn phải là địa chỉ http:// hoặc https:// đầy đủ.", errors["link"]![0]!.GetValue<string>());
        Assert.Equal("Chỉ tiêu không được là số âm.", errors["targets[0].quantity"]![0]!.GetValue<string>());
        Assert.Equal("Hình thức tuyên truyền «FAX» không có trong danh mục của kế hoạch năm 2021.",
            unknownChannel["errors"]!["targets[0].channel"]![0]!.GetValue<string>());
        Assert.NotNull(wrongType["errors"]!["issuedOn"]);
        Assert.Null(await app.Services.GetRequiredService<UnitPlanService>()
            .FindForAgencyAsync(ActingUsers.Monitor, await app.AgencyIdAsync(code), 2021));
    }

    [Fact]
    public async Task AReadOnlyTokenAndTheProvincesTokenMayNotWrite()
    {
        using var readOnly = await app.TokenClientAsync("SYT");
        using var province = await app.TokenClientAsync(null);
        var input = new { documentNumber = "1/KH", issuedOn = "2021-04-01" };

        await (await readOnly.PutAsJsonAsync("/api/v1/unit-plans/mine", input)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await province.PutAsJsonAsync("/api/v1/unit-plans/mine", input)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, object input, string ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/unit-plans/mine") { Content = JsonContent.Create(input) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return await client.SendAsync(request);
    }

    /// <summary>
    /// The <paramref name="index"/>-th active agency (by code) with a 2021 unit plan of the demo, never TPTN (the other
    /// agency's token): tests that write take different ones, so their writes never meet.
    /// </summary>
    private async Task<string> AgencyWithUnitPlanAsync(int index)
    {
        await using var db = app.CreateContext();
        var codes = await db.UnitPlans.Where(u => u.Agency!.IsActive && u.Agency.Code != "TPTN" && u.Targets.Any())
            .OrderBy(u => u.Agency!.Code).Select(u => u.Agency!.Code).ToListAsync();
        return codes[index];
    }

    /// <summary>An active agency without a 2021 unit plan in the demo (the first by code: the tests run one after another).</summary>
    private async Task<string> AgencyWithoutUnitPlanAsync()
    {
        await using var db = app.CreateContext();
        return await db.Agencies.Where(a => a.IsActive && !db.UnitPlans.Any(u => u.AgencyId == a.Id))
            .OrderBy(a => a.Code).Select(a => a.Code).FirstAsync();
    }
}
