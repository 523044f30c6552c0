using System.Text.Json.Nodes;
using CommsPlan.Core.Access;
using CommsPlan.Core.Administration;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using CommsActivity = CommsPlan.Core.Activities.Activity;

namespace CommsPlan.Tests.Core.Administration;

public abstract class AgencyAdminServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private AccessTestServices _app = null!;
    private AgencyAdminService _agencies = null!;
    private CurrentUser _admin = null!;

    public async Task InitializeAsync()
    {
        _app = await AccessTestServices.CreateAsync(provider);
        _agencies = _app.Get<AgencyAdminService>();
        _admin = await _app.UserAsync("admin");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ACodeIsUpperCaseAsciiAndUniqueEvenAmongInactiveAgencies()
    {
        var id = await _agencies.CreateAsync(_admin, new NewAgencyInput { Code = " bqlda ", Name = "Ban Quản lý dự án", Kind = AgencyKind.Department });

        var created = await _agencies.GetAsync(_admin, id);
        var duplicate = await Assert.ThrowsAsync<ValidationException>(() =>
            _agencies.CreateAsync(_admin, new NewAgencyInput { Code = "BQLDA", Name = "Khác", Kind = AgencyKind.Department }));
        var accented = await Assert.ThrowsAsync<ValidationException>(() =>
            _agencies.CreateAsync(_admin, new NewAgencyInput { Code = "SỞXD", Name = "Sở khác", Kind = AgencyKind.Department }));

        Assert.Equal(("BQLDA", true, _app.Time.Today()), (created.Code, created.IsActive, created.ValidFrom!.Value));
        Assert.Contains("đã được dùng", Assert.Single(duplicate.Errors).ErrorMessage);
        Assert.Equal(nameof(NewAgencyInput.Code), Assert.Single(accented.Errors).PropertyName);
    }

    [Fact]
    public async Task OnlyAdministratorsManageAgencies()
    {
        var monitor = await _app.UserAsync("giamsat");
        var stp = await _agencies.GetAsync(_admin, await _app.AgencyIdAsync("STP"));

        await Assert.ThrowsAsync<AccessDeniedException>(() => _agencies.ListAsync(monitor, new AgencyQuery()));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _agencies.UpdateAsync(monitor, stp.Id, new AgencyEditInput { Name = "Đổi tên", Kind = stp.Kind, Version = stp.Version }));

        Assert.Equal("Sở Tư pháp", (await _agencies.GetAsync(_admin, stp.Id)).Name);
    }

    [Fact]
    public async Task RenameKeepsTheAgencysRecordsAndRecordsTheOldName()
    {
        var txpy = await _agencies.GetAsync(_admin, await _app.AgencyIdAsync("TXPY"));
        var activityId = await AddActivityAsync(txpy.Id);

        await _agencies.UpdateAsync(_admin, txpy.Id, new AgencyEditInput { Name = "UBND thành phố Phổ Yên", Kind = txpy.Kind, Version = txpy.Version });

        await using var db = await _app.ContextAsync();
        Assert.Equal(txpy.Id, await db.Activities.Where(a => a.Id == activityId).Select(a => a.AgencyId).SingleAsync());
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == "Agency" && a.EntityId == txpy.Id.ToString() && a.Action == AuditAction.Updated);
        var name = JsonNode.Parse(entry.Changes)!["Name"]!;
        Assert.Equal(("UBND thị xã Phổ Yên", "UBND thành phố Phổ Yên"), ((string?)name["before"], (string?)name["after"]));
        Assert.Equal("admin", entry.UserName);
    }

    [Fact]
    public async Task MergeKeepsOldRecordsOnTheMergedAgencyAndSendsOfficersAndNewRecordsToTheSuccessor()
    {
        var stp = await _agencies.GetAsync(_admin, await _app.AgencyIdAsync("STP"));
        var snv = await _app.AgencyIdAsync("SNV");
        var oldActivity = await AddActivityAsync(stp.Id);

        var result = await _agencies.MergeAsync(_admin, stp.Id, new AgencyMergeInput { SuccessorId = snv, EffectiveOn = new(2021, 10, 1), Version = stp.Version });

        var merged = await _agencies.GetAsync(_admin, stp.Id);
        Assert.Equal((false, snv, new DateOnly(2021, 9, 30)), (merged.IsActive, merged.SuccessorId!.Value, merged.ValidTo!.Value));
        Assert.Equal("Đã sáp nhập vào Sở Nội vụ từ 01/10/2021", merged.StatusName);
        Assert.Equal(["tuphap"], result.MovedOfficers);
        Assert.Equal(snv, (await _app.UserAsync("tuphap")).AgencyId);
        await using var db = await _app.ContextAsync();
        Assert.Equal(stp.Id, await db.Activities.Where(a => a.Id == oldActivity).Select(a => a.AgencyId).SingleAsync());
        Assert.Equal(snv, await db.ResolveCurrentAgencyAsync(stp.Id));
        Assert.Equal(snv, await _agencies.ResolveCurrentAgencyAsync(stp.Id));
    }

    [Fact]
    public async Task SuccessorsAreFollowedThroughSeveralMerges()
    {
        var stp = await _agencies.GetAsync(_admin, await _app.AgencyIdAsync("STP"));
        var snv = await _agencies.GetAsync(_admin, await _app.AgencyIdAsync("SNV"));
        var vp = await _app.AgencyIdAsync("VPUBND");

        await _agencies.MergeAsync(_admin, stp.Id, new AgencyMergeInput { SuccessorId = snv.Id, EffectiveOn = new(2021, 6, 1), Version = stp.Version });
        snv = await _agencies.GetAsync(_admin, snv.Id);
        await _agencies.MergeAsync(_admin, snv.Id, new AgencyMergeInput { SuccessorId = vp, EffectiveOn = new(2021, 9, 1), Version = snv.Version });

        Assert.Equal(vp, await _agencies.ResolveCurrentAgencyAsync(stp.Id));
        Assert.Equal(vp, (await _app.UserAsync("tuphap")).AgencyId);
        Assert.Equal(vp, await _agencies.ResolveCurrentAgencyAsync(vp));
        await Assert.ThrowsAsync<NotFoundException>(() => _agencies.ResolveCurrentAgencyAsync(99_999));
    }

    [Fact]
    public async Task MergeRefusesItselfAnInactiveSuccessorAndAFutureDay()
    {
        var stp = await _agencies.GetAsync(_admin, await _app.AgencyIdAsync("STP"));
        var bdt = await _agencies.GetAsync(_admin, await _app.AgencyIdAsync("BDT"));
        var snv = await _app.AgencyIdAsync("SNV");
        await _agencies.DeactivateAsync(_admin, bdt.Id, new DateOnly(2021, 7, 1), bdt.Version);

        await Assert.ThrowsAsync<BusinessRuleException>(() =>
            _agencies.MergeAsync(_admin, stp.Id, new AgencyMergeInput { SuccessorId = stp.Id, EffectiveOn = new(2021, 10, 1), Version = stp.Version }));
        await Assert.ThrowsAsync<ValidationException>(() =>
            _agencies.MergeAsync(_admin, stp.Id, new AgencyMergeInput { SuccessorId = bdt.Id, EffectiveOn = new(2021, 10, 1), Version = stp.Version }));
        await Assert.ThrowsAsync<BusinessRuleException>(() =>
            _agencies.MergeAsync(_admin, stp.Id, new AgencyMergeInput { SuccessorId = snv, EffectiveOn = new(2021, 12, 1), Version = stp.Version }));

        Assert.True((await _agencies.GetAsync(_admin, stp.Id)).IsActive);
    }

    [Fact]
    public async Task DeactivationWaitsUntilNoOfficerIsBoundAndReactivationUndoesIt()
    {
        var baotn = await _agencies.GetAsync(_admin, await _app.AgencyIdAsync("BAOTN"));
        var refused = await Assert.ThrowsAsync<BusinessRuleException>(() => _agencies.DeactivateAsync(_admin, baotn.Id, null, baotn.Version));
        var ttrA = await _agencies.GetAsync(_admin, await _app.AgencyIdAsync("TTRA"));

        await _agencies.DeactivateAsync(_admin, ttrA.Id, null, ttrA.Version);
        var inactive = await _agencies.GetAsync(_admin, ttrA.Id);
        await _agencies.ReactivateAsync(_admin, ttrA.Id, inactive.Version);

        Assert.Contains("1 tài khoản cán bộ", refused.Message);
        Assert.Equal((false, _app.Time.Today().AddDays(-1)), (inactive.IsActive, inactive.ValidTo!.Value));
        var active = await _agencies.GetAsync(_admin, ttrA.Id);
        Assert.Equal((true, (DateOnly?)null), (active.IsActive, active.ValidTo));
    }

    [Fact]
    public async Task AMergedAgencyCannotBeReactivated()
    {
        var tpsc = await _agencies.GetAsync(_admin, await _app.AgencyIdAsync("TPSC"));
        await _agencies.MergeAsync(_admin, tpsc.Id, new AgencyMergeInput { SuccessorId = await _app.AgencyIdAsync("TPTN"), EffectiveOn = new(2021, 10, 1), Version = tpsc.Version });
        var merged = await _agencies.GetAsync(_admin, tpsc.Id);

        var ex = await Assert.ThrowsAsync<BusinessRuleException>(() => _agencies.ReactivateAsync(_admin, tpsc.Id, merged.Version));

        Assert.Contains("đã được sáp nhập vào UBND thành phố Thái Nguyên", ex.Message);
    }

    [Fact]
    public async Task AConcurrentRenameIsReportedWithWhoChangedItAndNothingIsOverwritten()
    {
        var stale = await _agencies.GetAsync(_admin, await _app.AgencyIdAsync("SYT"));
        await _agencies.UpdateAsync(_admin, stale.Id, new AgencyEditInput { Name = "Sở Y tế tỉnh", Kind = stale.Kind, Version = stale.Version });

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            _agencies.UpdateAsync(_admin, stale.Id, new AgencyEditInput { Name = "Ghi đè", Kind = stale.Kind, Version = stale.Version }));

        Assert.Equal("Quản trị hệ thống", conflict.ChangedBy);
        Assert.Equal("Sở Y tế tỉnh", (await _agencies.GetAsync(_admin, stale.Id)).Name);
    }

    [Fact]
    public async Task TheListFiltersAndPagesInTheDatabase()
    {
        var page = await _agencies.ListAsync(_admin, new AgencyQuery(Search: "huyện", SortBy: AgencySort.Code, Take: 3));

        Assert.Equal(6, page.TotalCount);
        Assert.Equal(["DAITU", "DINHHOA", "DONGHY"], page.Items.Select(a => a.Code));
        Assert.Equal(1, page.Items[0].OfficerCount);
    }

    [Fact]
    public async Task TheSearchIgnoresCaseAndTakesWildcardsLiterally()
    {
        // PostgreSQL's LIKE is case-sensitive where SQLite's is not: the search must find "STP" from "stp" on both.
        var lower = await _agencies.ListAsync(_admin, new AgencyQuery(Search: "stp"));
        var wildcard = await _agencies.ListAsync(_admin, new AgencyQuery(Search: "%"));
        var underscore = await _agencies.ListAsync(_admin, new AgencyQuery(Search: "S_P"));

        Assert.Contains("STP", lower.Items.Select(a => a.Code));
        Assert.Equal(0, wildcard.TotalCount);
        Assert.Equal(0, underscore.TotalCount);
    }

    private async Task<int> AddActivityAsync(int agencyId)
    {
        await using var db = await _app.Get<IDbContextFactory<CommsPlanDbContext>>().CreateForAsync(CurrentUser.System, _app.Time);
        var activity = new CommsActivity
        {
            AgencyId = agencyId,
            ChannelId = await db.Channels.Where(c => c.Code == "BAO").Select(c => c.Id).SingleAsync(),
            Title = "Bài viết trước khi đổi đơn vị",
            StartDate = new DateOnly(2021, 4, 2),
            Quantity = 1,
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return activity.Id;
    }

    [Fact]
    public async Task TheDocumentHeaderSignerAndMailboxAreSavedAndEveryLineTrimmed()
    {
        var id = await _app.AgencyIdAsync("STP");
        var input = await _agencies.GetDocumentAsync(_admin, id);
        input.SignerName = "  Nguyễn Văn An ";
        input.SignerTitle = "KT. GIÁM ĐỐC\r\n PHÓ GIÁM ĐỐC \r\n";
        input.ContactEmail = "vanthu@stp.thainguyen.gov.vn";

        await _agencies.UpdateDocumentAsync(_admin, id, input);

        var saved = await _agencies.GetDocumentAsync(_admin, id);
        Assert.Equal(("Nguyễn Văn An", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "vanthu@stp.thainguyen.gov.vn", "SỞ TƯ PHÁP", "UBND TỈNH THÁI NGUYÊN"),
            (saved.SignerName, saved.SignerTitle, saved.ContactEmail, saved.IssuerName, saved.IssuerSuperior));
        Assert.True(saved.Version > input.Version);
    }

    [Fact]
    public async Task ABadMailboxOrAnEmptyHeaderIsRefusedWithNothingSaved()
    {
        var id = await _app.AgencyIdAsync("DAITU");
        var input = await _agencies.GetDocumentAsync(_admin, id);
        input.ContactEmail = "vanthu daitu";
        input.IssuerName = " ";

        var refused = await Assert.ThrowsAsync<ValidationException>(() => _agencies.UpdateDocumentAsync(_admin, id, input));

        Assert.Equal(["ContactEmail", "IssuerName"], refused.Errors.Select(e => e.PropertyName).Order());
        Assert.Equal("ỦY BAN NHÂN DÂN\nHUYỆN ĐẠI TỪ", (await _agencies.GetDocumentAsync(_admin, id)).IssuerName);
    }

    [Fact]
    public async Task ADatabaseFromBeforeTheHeadersGetsThemOnceAtStartAndAnEditSurvivesTheNextStart()
    {
        await using (var db = _app.Database.CreateContext())
        {
            await db.Agencies.Where(a => a.Code == "BAOTN" || a.Code == "STP")
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.IssuerName, "").SetProperty(a => a.DocumentStyle, DocumentStyle.State));
            await CommsPlan.Core.Data.Seeding.CatalogueSeeder.SeedAsync(db);
        }
        var paper = await _agencies.GetDocumentAsync(_admin, await _app.AgencyIdAsync("BAOTN"));
        var justice = await _agencies.GetDocumentAsync(_admin, await _app.AgencyIdAsync("STP"));
        justice.IssuerName = "SỞ TƯ PHÁP TỈNH THÁI NGUYÊN";
        await _agencies.UpdateDocumentAsync(_admin, await _app.AgencyIdAsync("STP"), justice);
        await using (var db = _app.Database.CreateContext()) await CommsPlan.Core.Data.Seeding.CatalogueSeeder.SeedAsync(db);

        Assert.Equal(("BÁO THÁI NGUYÊN", DocumentStyle.Party, "BTN"), (paper.IssuerName, paper.DocumentStyle, paper.DocumentSymbol));
        Assert.Equal("SỞ TƯ PHÁP TỈNH THÁI NGUYÊN", (await _agencies.GetDocumentAsync(_admin, await _app.AgencyIdAsync("STP"))).IssuerName);
    }

    public sealed class OnSqlite() : AgencyAdminServiceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : AgencyAdminServiceTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
