using System.Net;
using System.Text.Json.Nodes;
using CommsPlan.Core.Access;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Dashboard.Api;

/// <summary>/api/v1/plans and /api/v1/plans/{year}/catalogue over HTTP, on the demo database (2021 issued, 2022 a draft).</summary>
public sealed class PlanApiTests(InProcessApp app) : IClassFixture<InProcessApp>
{
    [Fact]
    public async Task ListsTheIssuedPlansWithTheirStatusAndNeverTheDraft()
    {
        using var client = await app.TokenClientAsync("BAOTN");
        await using var db = app.CreateContext();
        var issued = await db.Plans.Where(p => p.IsIssued).OrderByDescending(p => p.PeriodStart).ToListAsync();
        var drafts = await db.Plans.Where(p => !p.IsIssued).Select(p => p.Year).ToListAsync();
        Assert.NotEmpty(drafts);

        var plans = (await (await client.GetAsync("/api/v1/plans")).JsonAsync(HttpStatusCode.OK)).AsArray();

        Assert.Equal(issued.Select(p => p.Year), plans.Select(p => p!["year"]!.GetValue<int>()));
        Assert.DoesNotContain(plans, p => drafts.Contains(p!["year"]!.GetValue<int>()));
        var first = plans[0]!;
        Assert.Equal(issued[0].Number, first["number"]!.GetValue<string>());
        Assert.Equal(issued[0].IssuedOn.ToString("yyyy-MM-dd"), first["issuedOn"]!.GetValue<string>());
        Assert.Equal(issued[0].PeriodStart.ToString("yyyy-MM-dd"), first["periodStart"]!.GetValue<string>());
        Assert.Equal(issued[0].PeriodEnd.ToString("yyyy-MM-dd"), first["periodEnd"]!.GetValue<string>());
        // The demo runs on 20/10/2021, inside the 2021 plan's period.
        Assert.Equal("Running", first["status"]!.GetValue<string>());
        Assert.Equal("Đang thực hiện", first["statusName"]!.GetValue<string>());
    }

    [Fact]
    public async Task The2021CatalogueEqualsTheDatabaseInThePlansOrderWithTheImportsCodes()
    {
        using var client = await app.TokenClientAsync(null);
        await using var db = app.CreateContext();
        var plan = await db.Plans.AsNoTracking().Where(p => p.Year == 2021)
            .Include(p => p.Objectives).Include(p => p.Themes).Include(p => p.FormGroups).ThenInclude(g => g.Channels).Include(p => p.Assignments)
            .AsSplitQuery().SingleAsync();

        var catalogue = await (await client.GetAsync("/api/v1/plans/2021/catalogue")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(2021, catalogue["year"]!.GetValue<int>());
        Assert.Equal(plan.Number, catalogue["number"]!.GetValue<string>());
        Assert.Equal(plan.Objectives.OrderBy(o => o.SortOrder).Select(o => (o.Code, o.DisplayCode, o.ShortName, o.Text)),
            catalogue["objectives"]!.AsArray().Select(Item));
        Assert.Contains(catalogue["objectives"]!.AsArray(), o => o!["displayCode"]!.GetValue<string>() == "MĐ1" && o["code"]!.GetValue<string>() == "MD1");
        Assert.Equal(plan.Themes.OrderBy(t => t.SortOrder).Select(t => (t.Code, t.DisplayCode, t.ShortName, t.Text)),
            catalogue["themes"]!.AsArray().Select(Item));
        Assert.Equal(
            plan.FormGroups.OrderBy(g => g.SortOrder).Select(g => (g.Code, g.DisplayCode, g.ShortName,
                string.Join("|", g.Channels.OrderBy(c => c.SortOrder)
                    .Select(c => $"{c.Code};{c.Name};{c.Unit};{c.SecondMeasureLabel};{c.SecondMeasureUnit};{c.IsActive}")))),
            catalogue["formGroups"]!.AsArray().Select(g => (g!["code"]!.GetValue<string>(), g["displayCode"]!.GetValue<string>(),
                g["name"]!.GetValue<string>(),
                string.Join("|", g["channels"]!.AsArray().Select(c =>
                    $"{c!["code"]!.GetValue<string>()};{c["name"]!.GetValue<string>()};{c["unit"]!.GetValue<string>()};"
                    + $"{c["secondMeasureLabel"]?.GetValue<string>()};{c["secondMeasureUnit"]?.GetValue<string>()};{c["active"]!.GetValue<bool>()}")))));
        Assert.Equal(
            plan.Assignments.OrderBy(a => a.SortOrder).Select(a => (a.Code, a.Deadline?.ToString("yyyy-MM-dd"),
                string.Join(",", Enum.GetValues<AgencyKind>().Where(k => a.Binds.HasFlag(k.AsFlag()))), a.IsUnitPlanAssignment)),
            catalogue["assignments"]!.AsArray().Select(a => (a!["code"]!.GetValue<string>(), a["deadline"]?.GetValue<string>(),
                string.Join(",", a["boundAgencyKinds"]!.AsArray().Select(k => k!.GetValue<string>())), a["unitPlanAssignment"]!.GetValue<bool>())));
        Assert.Contains(catalogue["assignments"]!.AsArray(), a => a!["code"]!.GetValue<string>() == "NV1" && a["unitPlanAssignment"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TheDraftsCatalogueAndAYearWithoutAPlanAreNotFoundNamingTheParameter()
    {
        using var client = await app.TokenClientAsync(null);
        await using var db = app.CreateContext();
        var draft = await db.Plans.Where(p => !p.IsIssued).Select(p => p.Year).FirstAsync();

        foreach (var year in new[] { draft, 2035 })
        {
            var problem = await (await client.GetAsync($"/api/v1/plans/{year}/catalogue")).ProblemAsync(HttpStatusCode.NotFound);
            Assert.Contains($"Không có kế hoạch năm {year} đã ban hành (tham số year)", problem["detail"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task AnAnonymousCallIsA401ProblemAndNeverARedirect()
    {
        using var client = app.NewClient();

        using var response = await client.GetAsync("/api/v1/plans");

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Null(response.Headers.Location);
        Assert.Equal("Chưa xác thực", problem["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/v1/plans/hai-nghin/catalogue")]
    [InlineData("/api/v1/khong-co")]
    public async Task APathNamingNoEndpointIsA404ProblemForATokenAndA401ForAnonymous(string path)
    {
        using var client = await app.TokenClientAsync(null);
        using var anonymous = app.NewClient();

        var problem = await (await client.GetAsync(path)).ProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync(path)).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Contains("/openapi/v1.json", problem["detail"]!.GetValue<string>());
    }

    private static (string, string, string, string) Item(JsonNode? item) =>
        (item!["code"]!.GetValue<string>(), item["displayCode"]!.GetValue<string>(), item["name"]!.GetValue<string>(), item["text"]!.GetValue<string>());
}
