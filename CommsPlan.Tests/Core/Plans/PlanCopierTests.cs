using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using CommsPlan.Core.PlanAuthoring;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Core.Plans;

/// <summary>Tạo kế hoạch năm mới: next year's draft as a copy of the latest plan.</summary>
public abstract class PlanCopierTests(DatabaseProvider provider)
{
    private static readonly DateOnly Today = new(2021, 10, 20);

    private static PlanEditingService Service(TestDatabase database) =>
        new(database.Factory, new PlanHeaderInputValidator(), new PlanItemInputValidator(), new ChannelInputValidator(), new FixedClock(Today));

    private static Task<Plan> LoadAsync(CommsPlanDbContext db, int year) =>
        db.Plans.AsNoTracking()
            .Include(p => p.Objectives).Include(p => p.Requirements).Include(p => p.Themes)
            .Include(p => p.FormGroups).ThenInclude(g => g.Channels).Include(p => p.Assignments)
            .AsSplitQuery().SingleAsync(p => p.Year == year);

    [Fact]
    public async Task CopiesEveryCatalogueItemWithNewIdsAndDatesShiftedAYear()
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        Assert.Equal(2022, await Service(database).SuggestYearAsync(ActingUsers.Monitor));
        await Service(database).CreateAsync(ActingUsers.Monitor, 2022);

        await using var db = database.CreateContext();
        var source = await LoadAsync(db, 2021);
        var copy = await LoadAsync(db, 2022);
        Assert.False(copy.IsIssued);
        Assert.Equal(PlanStatus.Draft, copy.StatusOn(Today));
        Assert.True(PlanCopier.IsPlaceholderNumber(copy.Number));
        Assert.Equal(new DateOnly(2022, 1, 1), copy.PeriodStart);
        Assert.Equal(new DateOnly(2022, 12, 31), copy.PeriodEnd);
        Assert.Equal(new DateOnly(2022, 2, 4), copy.IssuedOn);
        Assert.EndsWith("năm 2022", copy.Title);
        Assert.Equal(source.Signer, copy.Signer);
        Assert.Equal(source.FundingText, copy.FundingText);

        AssertSameItems(source.Objectives, copy.Objectives);
        AssertSameItems(source.Requirements, copy.Requirements);
        AssertSameItems(source.Themes, copy.Themes);
        AssertSameItems(source.FormGroups, copy.FormGroups);
        AssertSameItems(source.Assignments, copy.Assignments);
        foreach (var a in source.Assignments)
        {
            var b = copy.Assignments.Single(x => x.Code == a.Code);
            Assert.Equal(a.Binds, b.Binds);
            Assert.Equal(a.Deadline?.AddYears(1), b.Deadline);
            Assert.Equal(a.IsUnitPlanAssignment, b.IsUnitPlanAssignment);
        }
        Assert.Equal("NV1", copy.UnitPlanAssignment()?.Code);
        Assert.Contains(copy.Assignments, a => a.Deadline == new DateOnly(2022, 3, 31));

        var sourceChannels = source.FormGroups.SelectMany(g => g.Channels.Select(c => (Group: g.Code, Channel: c))).OrderBy(x => x.Channel.Code).ToList();
        var copiedChannels = copy.FormGroups.SelectMany(g => g.Channels.Select(c => (Group: g.Code, Channel: c))).OrderBy(x => x.Channel.Code).ToList();
        Assert.Equal(14, sourceChannels.Count);
        Assert.Equal(
            sourceChannels.Select(x => (x.Group, x.Channel.Code, x.Channel.Name, x.Channel.Unit, x.Channel.SecondMeasureLabel, x.Channel.SecondMeasureUnit, x.Channel.IsActive, x.Channel.SortOrder)),
            copiedChannels.Select(x => (x.Group, x.Channel.Code, x.Channel.Name, x.Channel.Unit, x.Channel.SecondMeasureLabel, x.Channel.SecondMeasureUnit, x.Channel.IsActive, x.Channel.SortOrder)));
        Assert.Empty(sourceChannels.Select(x => x.Channel.Id).Intersect(copiedChannels.Select(x => x.Channel.Id)));
    }

    [Fact]
    public async Task TheCopyKeepsWhichAssignmentIsTheUnitPlanAssignmentWhateverItsCode()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var plan2021 = (await Service(database).GetAsync(ActingUsers.Monitor, 2021)).Plan;
        var nv2 = PlanItemInput.From(PlanItemKind.Assignment, plan2021.Assignments.Single(a => a.Code == "NV2"));
        nv2.IsUnitPlanAssignment = true;
        nv2.Deadline = new DateOnly(2021, 4, 30);
        await Service(database).SaveItemAsync(ActingUsers.Monitor, plan2021.Id, plan2021.Assignments.Single(a => a.Code == "NV2").Id, nv2);

        await Service(database).CreateAsync(ActingUsers.Monitor, 2022);

        await using var db = database.CreateContext();
        var copy = await LoadAsync(db, 2022);
        Assert.Equal(["NV2"], copy.Assignments.Where(a => a.IsUnitPlanAssignment).Select(a => a.Code));
        Assert.Equal(new DateOnly(2022, 4, 30), copy.UnitPlanAssignment()!.Deadline);
    }

    [Fact]
    public async Task TheSourcePlanIsUnchanged()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        string before;
        await using (var db = database.CreateContext()) before = Describe(await LoadAsync(db, 2021));

        await Service(database).CreateAsync(ActingUsers.Admin, 2022);

        await using (var db = database.CreateContext())
        {
            var after = await LoadAsync(db, 2021);
            Assert.Equal(before, Describe(after));
            Assert.True(after.IsIssued);
            Assert.Equal(1, after.Version);
        }
    }

    [Fact]
    public async Task ASecondPlanForTheSameYearIsRefusedWithAMessage()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Service(database).CreateAsync(ActingUsers.Monitor, 2022);

        var refused = await Assert.ThrowsAsync<BusinessRuleException>(() => Service(database).CreateAsync(ActingUsers.Monitor, 2022));

        Assert.Equal("Đã có kế hoạch năm 2022; mỗi năm chỉ có một kế hoạch.", refused.Message);
        await using var db = database.CreateContext();
        Assert.Equal([2021, 2022], await db.Plans.OrderBy(p => p.Year).Select(p => p.Year).ToListAsync());
    }

    [Fact]
    public async Task TheUniqueYearIsTheSafetyNetUnderTheCheck()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await Service(database).CreateAsync(ActingUsers.Monitor, 2022);
        await using var db = database.CreateContext();
        var duplicate = PlanCopier.Copy(await LoadAsync(db, 2021), 2022);
        duplicate.Number = "99/KH-UBND";
        db.Plans.Add(duplicate);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task ADeploymentStartedYearsLaterOffersAndCreatesTheCurrentYearFromTheSeededPlan()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var service = new PlanEditingService(database.Factory, new PlanHeaderInputValidator(), new PlanItemInputValidator(),
            new ChannelInputValidator(), new FixedClock(new DateOnly(2026, 3, 2)));

        var year = await service.SuggestYearAsync(ActingUsers.Admin);
        await service.CreateAsync(ActingUsers.Admin, year!.Value);

        Assert.Equal(2026, year);
        await using var db = database.CreateContext();
        var copy = await LoadAsync(db, 2026);
        Assert.Equal(new DateOnly(2026, 1, 1), copy.PeriodStart);
        Assert.Equal(new DateOnly(2026, 3, 31), copy.Assignments.Single(a => a.Code == "NV1").Deadline);
        Assert.EndsWith("năm 2026", copy.Title);
    }

    [Fact]
    public async Task AnAgencyOfficerOrAViewerCannotCreateAPlan()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var stp = await database.AgencyIdAsync("STP");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service(database).CreateAsync(ActingUsers.Officer(stp), 2022));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service(database).CreateAsync(ActingUsers.Viewer, 2022));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Plans.CountAsync());
    }

    private static void AssertSameItems<T>(List<T> source, List<T> copy) where T : PlanItem
    {
        Assert.NotEmpty(source);
        Assert.Equal(
            source.OrderBy(i => i.SortOrder).Select(i => (i.Code, i.DisplayCode, i.ShortName, i.Text, i.SortOrder)),
            copy.OrderBy(i => i.SortOrder).Select(i => (i.Code, i.DisplayCode, i.ShortName, i.Text, i.SortOrder)));
        Assert.Empty(source.Select(i => i.Id).Intersect(copy.Select(i => i.Id)));
        Assert.All(copy, i => Assert.NotEqual(source[0].PlanId, i.PlanId));
    }

    private static string Describe(Plan plan) => string.Join("|",
        new[] { plan.Number, plan.Title, plan.IssuedOn.ToString(), plan.PeriodStart.ToString(), plan.PeriodEnd.ToString() }
            .Concat(plan.Objectives.Concat<PlanItem>(plan.Requirements).Concat(plan.Themes).Concat(plan.FormGroups).Concat(plan.Assignments)
                .OrderBy(i => i.GetType().Name).ThenBy(i => i.Code).Select(i => $"{i.Id}:{i.Code}:{i.Text}:{i.SortOrder}:{(i as Assignment)?.Deadline}"))
            .Concat(plan.FormGroups.SelectMany(g => g.Channels).OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.Code}:{c.Name}:{c.IsActive}")));

    public sealed class OnSqlite() : PlanCopierTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : PlanCopierTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
