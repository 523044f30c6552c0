using CommsPlan.Core.Access;
using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Core.Plans;

public abstract class PlanCatalogueTests(DatabaseProvider provider)
{
    [Fact]
    public async Task SeedsThePlanWithItsWholeCatalogue()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var plan = await new PlanService(database.Factory, TimeProvider.System).GetCurrentPlanAsync();

        Assert.NotNull(plan);
        Assert.Equal("20/KH-UBND", plan.Number);
        Assert.Equal(new DateOnly(2021, 2, 4), plan.IssuedOn);
        Assert.Equal("Lê Quang Tiến", plan.Signer);
        Assert.Equal(2021, plan.Year);
        Assert.Equal(["MD1", "MD2", "MD3", "MD4"], plan.Objectives.Select(o => o.Code));
        Assert.Equal(["MĐ1", "MĐ2", "MĐ3", "MĐ4"], plan.Objectives.Select(o => o.DisplayCode));
        Assert.Equal(["YC1", "YC2"], plan.Requirements.Select(o => o.Code));
        Assert.Equal(["ND1", "ND2", "ND3", "ND4"], plan.Themes.Select(o => o.Code));
        Assert.Equal(["HT1", "HT2", "HT3"], plan.FormGroups.Select(o => o.Code));
        Assert.Equal(
            ["BAO", "PTTH", "TTCS", "CONG", "WEB", "TAILIEU", "HOINGHI", "CUOCTHI", "TAPHUAN", "PANO", "BANGRON", "KHAUHIEU", "TOROI", "APPHICH"],
            plan.FormGroups.SelectMany(g => g.Channels).Select(c => c.Code));
        Assert.Equal(Enumerable.Range(1, 11).Select(i => $"NV{i}"), plan.Assignments.Select(a => a.Code));
    }

    [Fact]
    public async Task TextsAreThePlansOwnWording()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var plan = (await new PlanService(database.Factory, TimeProvider.System).GetCurrentPlanAsync())!;

        Assert.StartsWith("Đẩy mạnh công tác tuyên truyền trên các phương tiện thông tin đại chúng", plan.Objectives[0].Text);
        Assert.StartsWith("Giải đáp, tháo gỡ những khó khăn, vướng mắc", plan.Themes[2].Text);
        Assert.Equal("Kinh phí thực hiện kế hoạch do ngân sách nhà nước cấp theo quy định hiện hành.", plan.FundingText);
    }

    [Fact]
    public async Task ChannelsCarryTheirUnitsAndSecondMeasures()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var channels = await db.Channels.Include(c => c.FormGroup).ToDictionaryAsync(c => c.Code);

        Assert.Equal("tin, bài", channels["BAO"].Unit);
        Assert.False(channels["BAO"].HasSecondMeasure);
        Assert.Equal("lượt người", channels["HOINGHI"].SecondMeasureUnit);
        Assert.Equal("Số người tham dự", channels["HOINGHI"].SecondMeasureLabel);
        Assert.Equal("phút", channels["PTTH"].SecondMeasureUnit);
        Assert.Equal("HT3", channels["APPHICH"].FormGroup!.Code);
        Assert.Equal(5, channels.Values.Count(c => c.FormGroup!.Code == "HT1"));
        Assert.Equal(4, channels.Values.Count(c => c.FormGroup!.Code == "HT2"));
        Assert.Equal(5, channels.Values.Count(c => c.FormGroup!.Code == "HT3"));
    }

    [Fact]
    public async Task UnitPlanAssignmentHasTheEndOfQuarterOneDeadlineAndBindsDepartmentsAndDistricts()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var nv1 = await db.Assignments.SingleAsync(a => a.Code == "NV1");
        var nv6 = await db.Assignments.SingleAsync(a => a.Code == "NV6");
        var nv10 = await db.Assignments.SingleAsync(a => a.Code == "NV10");

        Assert.Equal(new DateOnly(2021, 3, 31), nv1.Deadline);
        Assert.True(nv1.Binds.HasFlag(AgencyKinds.Department));
        Assert.True(nv1.Binds.HasFlag(AgencyKinds.DistrictCommittee));
        Assert.False(nv1.Binds.HasFlag(AgencyKinds.Media));
        Assert.Equal(AgencyKinds.ProvincialOffice, nv6.Binds);
        Assert.Equal(AgencyKinds.Media, nv10.Binds);
        Assert.Null(nv6.Deadline);
    }

    [Fact]
    public async Task SeedsTheThirtyThreeAgenciesOf2021WithTheirKinds()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var agencies = await db.Agencies.ToListAsync();

        Assert.Equal(33, agencies.Count);
        Assert.Equal(33, agencies.Select(a => a.Code).Distinct().Count());
        Assert.Equal(19, agencies.Count(a => a.Kind == AgencyKind.Department));
        Assert.Equal(9, agencies.Count(a => a.Kind == AgencyKind.DistrictCommittee));
        Assert.Equal(3, agencies.Count(a => a.Kind == AgencyKind.Media));
        Assert.Equal(AgencyKind.ProvincialOffice, agencies.Single(a => a.Code == "VPUBND").Kind);
        Assert.Equal(AgencyKind.ServiceCentre, agencies.Single(a => a.Code == "TTPVHCC").Kind);
        Assert.Equal("Sở Tư pháp", agencies.Single(a => a.Code == "STP").Name);
        Assert.Equal("UBND huyện Đại Từ", agencies.Single(a => a.Code == "DAITU").Name);
        Assert.All(agencies, a => Assert.True(a.IsActive));
        Assert.Equal(9, await db.Districts.CountAsync());
    }

    [Fact]
    public async Task SeedingAgainAddsNothing()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var before = await CountAllAsync(database);

        await DatabaseInitializer.InitializeAsync(database.Factory);
        await DatabaseInitializer.InitializeAsync(database.Factory);

        Assert.Equal(before, await CountAllAsync(database));
    }

    [Fact]
    public async Task AnAdministratorsRenameSurvivesARestart()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            var agency = await db.Agencies.SingleAsync(a => a.Code == "TXPY");
            agency.Name = "UBND thành phố Phổ Yên";
            var objective = await db.Objectives.SingleAsync(o => o.Code == "MD2");
            objective.ShortName = "Nhận thức về một cửa";
            await db.SaveChangesAsync();
        }

        await DatabaseInitializer.InitializeAsync(database.Factory);

        await using var check = database.CreateContext();
        Assert.Equal("UBND thành phố Phổ Yên", (await check.Agencies.SingleAsync(a => a.Code == "TXPY")).Name);
        Assert.Equal("Nhận thức về một cửa", (await check.Objectives.SingleAsync(o => o.Code == "MD2")).ShortName);
        Assert.Equal(1, await check.Agencies.CountAsync(a => a.Code == "TXPY"));
    }

    [Fact]
    public async Task AMissingCatalogueEntryIsRestoredWithoutTouchingTheOthers()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.Districts.Remove(await db.Districts.SingleAsync(d => d.Code == "VONHAI"));
            (await db.Agencies.SingleAsync(a => a.Code == "STP")).Name = "Sở Tư pháp tỉnh Thái Nguyên";
            await db.SaveChangesAsync();
        }

        await DatabaseInitializer.InitializeAsync(database.Factory);

        await using var check = database.CreateContext();
        Assert.Equal(9, await check.Districts.CountAsync());
        Assert.Equal("Sở Tư pháp tỉnh Thái Nguyên", (await check.Agencies.SingleAsync(a => a.Code == "STP")).Name);
    }

    [Theory]
    [InlineData("2020-12-31", 0.0)]
    [InlineData("2021-01-01", 1.0 / 365)]
    [InlineData("2021-07-02", 183.0 / 365)]
    [InlineData("2021-12-31", 1.0)]
    [InlineData("2022-03-01", 1.0)]
    public void ElapsedShareOfThePlansYear(string today, double expected)
    {
        var plan = Plan2021();
        Assert.Equal(expected, plan.ElapsedShare(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)), 6);
    }

    private static Plan Plan2021() => CommsPlan.Core.Data.Seeding.Plan2021Catalogue.CreatePlan();

    private static async Task<int[]> CountAllAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return
        [
            await db.Plans.CountAsync(), await db.Objectives.CountAsync(), await db.Requirements.CountAsync(),
            await db.Themes.CountAsync(), await db.FormGroups.CountAsync(), await db.Channels.CountAsync(),
            await db.Assignments.CountAsync(), await db.Agencies.CountAsync(), await db.Districts.CountAsync(),
        ];
    }

    public sealed class OnSqlite() : PlanCatalogueTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : PlanCatalogueTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
