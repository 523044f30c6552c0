using CommsPlan.Core.Access;
using CommsPlan.Core.Data;
using CommsPlan.Core.Mail;
using CommsPlan.Core.Notifications;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Core.Notifications;

/// <summary>/account/notifications: each user turns their own kinds of mail off; urging stays on.</summary>
public abstract class MailPreferenceServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private CurrentUser _officer = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        var stp = await _database.AgencyIdAsync("STP");
        _officer = ActingUsers.Officer(stp, "tuphap");
        await using var db = _database.CreateContext();
        db.Users.Add(new AppUser { Id = _officer.UserId, UserName = "tuphap", FullName = "Trần Thị Tư Pháp", Email = "tuphap@thainguyen.example", AgencyId = stp });
        db.Users.Add(new AppUser { Id = ActingUsers.Monitor.UserId, UserName = "giamsat", FullName = "Nguyễn Thị Giám Sát" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private MailPreferenceService Service() => new(_database.Factory, new FixedClock(new DateOnly(2021, 10, 20)));

    private async Task<MailKinds> StoredAsync(string id)
    {
        await using var db = _database.CreateContext();
        return await db.Users.Where(u => u.Id == id).Select(u => u.MailOptOut).SingleAsync();
    }

    [Fact]
    public async Task AnOfficerSeesTheAgencyKindsAllOnWithUrgingThatCannotBeTurnedOff()
    {
        var preferences = await Service().GetAsync(_officer);

        Assert.Equal("tuphap@thainguyen.example", preferences.Email);
        Assert.Equal([MailKind.UnitPlanDue, MailKind.ReportDue, MailKind.ReportSentBack, MailKind.DifficultyAnswered, MailKind.Urging],
            preferences.Kinds.Select(k => k.Kind));
        Assert.All(preferences.Kinds, k => Assert.True(k.On));
        Assert.False(preferences.Kinds.Single(k => k.Kind == MailKind.Urging).CanTurnOff);
    }

    [Fact]
    public async Task TurningKindsOffIsStoredAndUrgingStaysOn()
    {
        var saved = await Service().SaveAsync(_officer, [MailKind.ReportDue, MailKind.DifficultyAnswered, MailKind.Urging]);

        Assert.Equal(MailKinds.ReportDue | MailKinds.DifficultyAnswered, await StoredAsync(_officer.UserId));
        Assert.Equal([MailKind.ReportDue, MailKind.DifficultyAnswered], saved.Kinds.Where(k => !k.On).Select(k => k.Kind));

        await Service().SaveAsync(_officer, [MailKind.DifficultyAnswered]);
        Assert.Equal(MailKinds.DifficultyAnswered, await StoredAsync(_officer.UserId));
    }

    [Fact]
    public async Task AMonitorWithoutAnAddressSeesTheDigestAndThatNoMailCanReachThem()
    {
        var preferences = await Service().GetAsync(ActingUsers.Monitor);
        Assert.Null(preferences.Email);
        Assert.Equal([MailKind.WeeklyDigest], preferences.Kinds.Select(k => k.Kind));

        // A kind the role does not receive is not touched.
        await Service().SaveAsync(ActingUsers.Monitor, [MailKind.WeeklyDigest, MailKind.ReportDue]);
        Assert.Equal(MailKinds.WeeklyDigest, await StoredAsync(ActingUsers.Monitor.UserId));
    }

    public sealed class OnSqlite() : MailPreferenceServiceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : MailPreferenceServiceTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
