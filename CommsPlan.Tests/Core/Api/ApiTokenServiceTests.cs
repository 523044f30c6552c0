using CommsPlan.Core.Api;
using CommsPlan.Core.Common;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Core.Api;

/// <summary>A token is recognised by its secret only while it may act: not revoked, not expired, its agency still standing.</summary>
public sealed class ApiTokenServiceTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2021, 10, 20);
    private TestDatabase _db = null!;
    private ApiTokenService _tokens = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _tokens = new ApiTokenService(_db.Factory, new FixedClock(Today));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task ASecretIsStoredOnlyAsItsHashAndAuthenticatesAsItsAgency()
    {
        var baotn = await _db.AgencyIdAsync("BAOTN");
        var (token, secret) = await _tokens.CreateAsync(ActingUsers.Admin, new("CMS Báo Thái Nguyên", baotn, ApiScopes.Write, Today.AddDays(90)));

        await using var db = await _db.Factory.CreateDbContextAsync();
        var stored = await db.ApiTokens.SingleAsync(t => t.Id == token.Id);
        Assert.StartsWith(ApiTokenService.SecretPrefix, secret);
        Assert.DoesNotContain(db.ApiTokens.Select(t => t.SecretHash), h => h == secret);
        Assert.Equal(ApiTokenService.Hash(secret), stored.SecretHash);
        Assert.Equal(ApiScopes.Read | ApiScopes.Write, stored.Scopes);
        Assert.StartsWith(stored.Prefix, secret);

        var found = await _tokens.AuthenticateAsync(secret);
        Assert.NotNull(found);
        var user = CommsPlan.Core.Access.CommsPlanClaims.ToCurrentUser(ApiTokenService.ToPrincipal(found, "ApiToken"));
        Assert.True(user.IsOfficer);
        Assert.Equal(baotn, user.AgencyId);
        Assert.Equal("api:CMS Báo Thái Nguyên", user.UserName);
        Assert.Null(await _tokens.AuthenticateAsync(secret + "x"));
        Assert.Null(await _tokens.AuthenticateAsync("Bearer " + secret));
    }

    [Fact]
    public async Task AProvinceTokenReadsAsAViewerAndOnlyAnAdministratorCreatesIt()
    {
        var stp = await _db.AgencyIdAsync("STP");
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _tokens.CreateAsync(ActingUsers.Officer(stp), new("Hệ thống báo cáo tỉnh", null, ApiScopes.Read, Today.AddDays(30))));
        var (_, secret) = await _tokens.CreateAsync(ActingUsers.Admin, new("Hệ thống báo cáo tỉnh", null, ApiScopes.Write, Today.AddDays(30)));

        var token = await _tokens.AuthenticateAsync(secret);
        Assert.Equal(ApiScopes.Read, token!.Scopes);
        var user = CommsPlan.Core.Access.CommsPlanClaims.ToCurrentUser(ApiTokenService.ToPrincipal(token, "ApiToken"));
        Assert.True(user.IsViewer);
        Assert.Null(user.AgencyId);
    }

    [Fact]
    public async Task AnOfficerCreatesATokenOfItsOwnAgencyOnly()
    {
        var stp = await _db.AgencyIdAsync("STP");
        var baotn = await _db.AgencyIdAsync("BAOTN");
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _tokens.CreateAsync(ActingUsers.Officer(stp), new("Cổng Sở", baotn, ApiScopes.Read, Today.AddDays(30))));
        var (token, _) = await _tokens.CreateAsync(ActingUsers.Officer(stp), new("Cổng Sở", stp, ApiScopes.Read, Today.AddDays(30)));
        Assert.Equal(stp, token.AgencyId);
    }

    [Fact]
    public async Task AnExpiredRevokedOrMergedAgencysTokenNoLongerAuthenticates()
    {
        var stp = await _db.AgencyIdAsync("STP");
        var snv = await _db.AgencyIdAsync("SNV");
        var (expired, expiredSecret) = await _tokens.CreateAsync(ActingUsers.Admin, new("Hết hạn", stp, ApiScopes.Read, Today.AddDays(-1)));
        var (revoked, revokedSecret) = await _tokens.CreateAsync(ActingUsers.Admin, new("Thu hồi", stp, ApiScopes.Read, Today.AddDays(30)));
        var (_, mergedSecret) = await _tokens.CreateAsync(ActingUsers.Admin, new("Sáp nhập", snv, ApiScopes.Read, Today.AddDays(30)));
        var (_, lastDaySecret) = await _tokens.CreateAsync(ActingUsers.Admin, new("Hôm nay", stp, ApiScopes.Read, Today));
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            var row = await db.ApiTokens.SingleAsync(t => t.Id == revoked.Id);
            row.RevokedAt = DateTime.UtcNow;
            (await db.Agencies.SingleAsync(a => a.Id == snv)).SuccessorId = stp;
            await db.SaveChangesAsync();
        }

        Assert.Null(await _tokens.AuthenticateAsync(expiredSecret));
        Assert.Null(await _tokens.AuthenticateAsync(revokedSecret));
        Assert.Null(await _tokens.AuthenticateAsync(mergedSecret));
        // A token is valid through its last day.
        Assert.NotNull(await _tokens.AuthenticateAsync(lastDaySecret));
        Assert.NotEqual(expired.Id, revoked.Id);
    }
}
