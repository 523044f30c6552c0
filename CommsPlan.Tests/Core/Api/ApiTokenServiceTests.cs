using CommsPlan.Core.Access;
using CommsPlan.Core.Api;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using CommsActivity = CommsPlan.Core.Activities.Activity;

namespace CommsPlan.Tests.Core.Api;

/// <summary>
/// A token is recognised by its secret only while it may act: not revoked, not expired, its agency still standing. Who
/// manages which tokens, the rules of a new one, its last use and its history.
/// </summary>
public abstract class ApiTokenServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2021, 10, 20);
    private TestDatabase _db = null!;
    private ApiTokenService _tokens = null!;
    private int _stp;
    private int _baotn;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider);
        _tokens = new ApiTokenService(_db.Factory, new FixedClock(Today));
        _stp = await _db.AgencyIdAsync("STP");
        _baotn = await _db.AgencyIdAsync("BAOTN");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static ApiTokenInput Input(string name, int? agencyId, ApiScopes scopes = ApiScopes.Read, int days = 90) =>
        new(name, agencyId, scopes, Today.AddDays(days));

    [Fact]
    public async Task ASecretIsStoredOnlyAsItsHashAndAuthenticatesAsItsAgency()
    {
        var (token, secret) = await _tokens.CreateAsync(ActingUsers.Admin, Input("CMS Báo Thái Nguyên", _baotn, ApiScopes.Write));

        await using var db = await _db.Factory.CreateDbContextAsync();
        var stored = await db.ApiTokens.SingleAsync(t => t.Id == token.Id);
        Assert.StartsWith(ApiTokenService.SecretPrefix, secret);
        Assert.DoesNotContain(db.ApiTokens.Select(t => t.SecretHash), h => h == secret);
        Assert.Equal(ApiTokenService.Hash(secret), stored.SecretHash);
        Assert.Equal(ApiScopes.Read | ApiScopes.Write, stored.Scopes);
        Assert.StartsWith(stored.Prefix, secret);

        var found = await _tokens.AuthenticateAsync(secret);
        Assert.NotNull(found);
        var user = CommsPlanClaims.ToCurrentUser(ApiTokenService.ToPrincipal(found, "ApiToken"));
        Assert.True(user.IsOfficer);
        Assert.Equal(_baotn, user.AgencyId);
        Assert.Equal("api:CMS Báo Thái Nguyên", user.UserName);
        Assert.Null(await _tokens.AuthenticateAsync(secret + "x"));
        Assert.Null(await _tokens.AuthenticateAsync("Bearer " + secret));
    }

    [Fact]
    public async Task AProvinceTokenReadsAsAViewerAndOnlyAnAdministratorCreatesIt()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _tokens.CreateAsync(ActingUsers.Officer(_stp), Input("Hệ thống báo cáo tỉnh", null)));
        var (_, secret) = await _tokens.CreateAsync(ActingUsers.Admin, Input("Hệ thống báo cáo tỉnh", null));

        var token = await _tokens.AuthenticateAsync(secret);
        Assert.Equal(ApiScopes.Read, token!.Scopes);
        var user = CommsPlanClaims.ToCurrentUser(ApiTokenService.ToPrincipal(token, "ApiToken"));
        Assert.True(user.IsViewer);
        Assert.Null(user.AgencyId);
    }

    [Fact]
    public async Task AnOfficerCreatesATokenOfItsOwnAgencyOnly()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _tokens.CreateAsync(ActingUsers.Officer(_stp), Input("Cổng Sở", _baotn)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _tokens.CreateAsync(ActingUsers.Monitor, Input("Cổng Sở", _stp)));
        var (token, _) = await _tokens.CreateAsync(ActingUsers.Officer(_stp), Input("Cổng Sở", _stp));
        Assert.Equal(_stp, token.AgencyId);
    }

    [Fact]
    public async Task AnExpiredRevokedOrMergedAgencysTokenNoLongerAuthenticates()
    {
        var snv = await _db.AgencyIdAsync("SNV");
        var (expired, expiredSecret) = await _tokens.CreateAsync(ActingUsers.Admin, Input("Hết hạn", _stp));
        var (revoked, revokedSecret) = await _tokens.CreateAsync(ActingUsers.Admin, Input("Thu hồi", _stp));
        var (_, mergedSecret) = await _tokens.CreateAsync(ActingUsers.Admin, Input("Sáp nhập", snv));
        var (_, liveSecret) = await _tokens.CreateAsync(ActingUsers.Admin, Input("Còn hạn", _stp));
        await _tokens.RevokeAsync(ActingUsers.Admin, revoked.Id);
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            // Created for a while, now past its end (a new token cannot be created already expired).
            (await db.ApiTokens.SingleAsync(t => t.Id == expired.Id)).ExpiresAt = ApiTokenRules.ExpiresAt(Today.AddDays(-1));
            (await db.Agencies.SingleAsync(a => a.Id == snv)).SuccessorId = _stp;
            await db.SaveChangesAsync();
        }

        Assert.Null(await _tokens.AuthenticateAsync(expiredSecret));
        Assert.Null(await _tokens.AuthenticateAsync(revokedSecret));
        Assert.Null(await _tokens.AuthenticateAsync(mergedSecret));
        Assert.NotNull(await _tokens.AuthenticateAsync(liveSecret));
    }

    [Fact]
    public async Task ATokenWorksThroughItsLastDayInVietnamAndNotAMomentLonger()
    {
        var (_, secret) = await _tokens.CreateAsync(ActingUsers.Admin, Input("Một ngày", _stp, days: 1));
        // 23:59 and 00:00 in Vietnam (UTC+7) at the end of the token's last day.
        var lastMinute = new FakeTimeProvider(new DateTimeOffset(Today.AddDays(1).ToDateTime(new TimeOnly(16, 59)), TimeSpan.Zero));
        var nextDay = new FakeTimeProvider(new DateTimeOffset(Today.AddDays(1).ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero));

        Assert.NotNull(await new ApiTokenService(_db.Factory, lastMinute).AuthenticateAsync(secret));
        Assert.Null(await new ApiTokenService(_db.Factory, nextDay).AuthenticateAsync(secret));
    }

    [Theory]
    [InlineData("", "Vui lòng nhập tên mã truy cập")]
    [InlineData("   ", "Vui lòng nhập tên mã truy cập")]
    [InlineData(null, "Tên mã truy cập tối đa 100 ký tự.")]
    public async Task ANameIsRequiredAndAtMostAHundredCharacters(string? name, string message)
    {
        var input = Input(name ?? new string('x', ApiTokenLimits.NameMaxLength + 1), _stp);

        var errors = await MessagesAsync(input);

        Assert.Contains(errors, e => e.Property == nameof(ApiTokenInput.Name) && e.Message.StartsWith(message, StringComparison.Ordinal));
        Assert.Empty(await MessagesAsync(Input(new string('x', ApiTokenLimits.NameMaxLength), _stp)));
    }

    [Fact]
    public async Task ANameIsUniqueAmongTheAgencysLiveTokensOnly()
    {
        var (first, _) = await _tokens.CreateAsync(ActingUsers.Admin, Input("CMS", _stp));

        var taken = await MessagesAsync(Input(" cms ", _stp));
        var otherAgency = await MessagesAsync(Input("CMS", _baotn));
        await _tokens.RevokeAsync(ActingUsers.Admin, first.Id);
        var freed = await MessagesAsync(Input("CMS", _stp));

        Assert.Equal("Đơn vị đã có mã truy cập còn hiệu lực tên «cms». Vui lòng đặt tên khác.", Assert.Single(taken).Message);
        Assert.Empty(otherAgency);
        Assert.Empty(freed);
        await _tokens.CreateAsync(ActingUsers.Admin, Input("CMS Báo", _stp));
        var refused = await Assert.ThrowsAsync<ValidationException>(() => _tokens.CreateAsync(ActingUsers.Officer(_stp), Input("CMS Báo", _stp)));
        Assert.Contains("«CMS Báo»", Assert.Single(refused.Errors).ErrorMessage);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(1, true)]
    [InlineData(730, true)] // 20/10/2023: two years ahead
    [InlineData(731, false)]
    public async Task TheLastDayIsAfterTodayAndAtMostTwoYearsAhead(int days, bool valid)
    {
        var errors = await MessagesAsync(Input("Hạn", _stp, days: days));

        Assert.Equal(valid, errors.Count == 0);
        if (!valid) Assert.Equal(nameof(ApiTokenInput.ExpiresOn), Assert.Single(errors).Property);
    }

    [Fact]
    public async Task AProvinceTokenIsReadOnlyAndEveryTokenHasAScope()
    {
        var write = await MessagesAsync(Input("Tỉnh", null, ApiScopes.Read | ApiScopes.Write));
        var none = await MessagesAsync(Input("Không quyền", _stp, ApiScopes.None));

        Assert.Equal("Mã truy cập toàn tỉnh chỉ được đọc: hãy chọn quyền «Đọc».", Assert.Single(write).Message);
        Assert.Equal(nameof(ApiTokenInput.Scopes), Assert.Single(none).Property);
        Assert.Empty(await MessagesAsync(Input("Tỉnh", null)));
    }

    [Fact]
    public async Task ATokenIsForAStandingAgencyOnly()
    {
        var snv = await _db.AgencyIdAsync("SNV");
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            (await db.Agencies.SingleAsync(a => a.Id == snv)).IsActive = false;
            await db.SaveChangesAsync();
        }

        Assert.Equal(nameof(ApiTokenInput.AgencyId), Assert.Single(await MessagesAsync(Input("Cổng", snv))).Property);
        Assert.Equal(nameof(ApiTokenInput.AgencyId), Assert.Single(await MessagesAsync(Input("Cổng", 999_999))).Property);
        await Assert.ThrowsAsync<ValidationException>(() => _tokens.CreateAsync(ActingUsers.Admin, Input("Cổng", snv)));
        await using var check = await _db.Factory.CreateDbContextAsync();
        Assert.Equal(0, await check.ApiTokens.CountAsync());
    }

    [Fact]
    public async Task AnAdministratorListsEveryTokenAndAnOfficerOnlyItsAgencysWithTheirStatus()
    {
        var sgd = await _db.AgencyIdAsync("SGDDT");
        var (live, _) = await _tokens.CreateAsync(ActingUsers.Admin, Input("Cổng STP", _stp, ApiScopes.Write));
        var (revoked, _) = await _tokens.CreateAsync(ActingUsers.Officer(_stp), Input("Cũ", _stp));
        var (expired, _) = await _tokens.CreateAsync(ActingUsers.Officer(_stp), Input("Hết hạn", _stp));
        var (other, _) = await _tokens.CreateAsync(ActingUsers.Admin, Input("CMS", _baotn));
        var (province, _) = await _tokens.CreateAsync(ActingUsers.Admin, Input("Báo cáo tỉnh", null));
        var (stopped, _) = await _tokens.CreateAsync(ActingUsers.Admin, Input("Cổng Sở", sgd));
        await _tokens.RevokeAsync(ActingUsers.Officer(_stp, "tuphap"), revoked.Id);
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            (await db.ApiTokens.SingleAsync(t => t.Id == expired.Id)).ExpiresAt = ApiTokenRules.ExpiresAt(Today.AddDays(-3));
            (await db.Agencies.SingleAsync(a => a.Id == sgd)).IsActive = false;
            await db.SaveChangesAsync();
        }

        var all = await _tokens.ListAsync(ActingUsers.Admin);
        var own = await _tokens.ListAsync(ActingUsers.Officer(_stp));

        Assert.Equal(new[] { live.Id, other.Id, province.Id, revoked.Id, expired.Id, stopped.Id }.Order(), all.Select(t => t.Id).Order());
        Assert.Equal(new[] { live.Id, revoked.Id, expired.Id }.Order(), own.Select(t => t.Id).Order());
        // The usable ones first.
        Assert.All(all.Take(3), t => Assert.Equal(ApiTokenStatus.Active, t.Status));
        var byId = all.ToDictionary(t => t.Id);
        Assert.Equal("Còn hiệu lực", byId[live.Id].StatusLabel);
        Assert.Equal("Đã thu hồi", byId[revoked.Id].StatusLabel);
        Assert.Equal("Hết hạn", byId[expired.Id].StatusLabel);
        Assert.Equal("Đơn vị ngừng hoạt động", byId[stopped.Id].StatusLabel);
        Assert.Equal(("Sở Tư pháp", "Đọc và ghi", Today.AddDays(90)), (byId[live.Id].AgencyName, byId[live.Id].ScopesLabel, byId[live.Id].ExpiresOn));
        Assert.Equal(("Toàn tỉnh (chỉ đọc)", "Đọc"), (byId[province.Id].AgencyName, byId[province.Id].ScopesLabel));
        Assert.Equal("tuphap", byId[revoked.Id].RevokedBy);
        Assert.NotNull(byId[revoked.Id].RevokedAt);
        Assert.Null(byId[live.Id].LastUsedAt);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _tokens.ListAsync(ActingUsers.Viewer));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _tokens.ListAsync(ActingUsers.Monitor));
    }

    [Fact]
    public async Task WhoMayCreateAnAgencysTokenRevokesItAndItStopsAtOnce()
    {
        var (token, secret) = await _tokens.CreateAsync(ActingUsers.Admin, Input("Cổng STP", _stp));

        await Assert.ThrowsAsync<NotFoundException>(() => _tokens.RevokeAsync(ActingUsers.Officer(_baotn), token.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _tokens.RevokeAsync(ActingUsers.Viewer, token.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => _tokens.RevokeAsync(ActingUsers.Admin, 999_999));
        Assert.NotNull(await _tokens.AuthenticateAsync(secret));

        await _tokens.RevokeAsync(ActingUsers.Officer(_stp, "tuphap"), token.Id);
        await _tokens.RevokeAsync(ActingUsers.Admin, token.Id);

        Assert.Null(await _tokens.AuthenticateAsync(secret));
        await using var db = await _db.Factory.CreateDbContextAsync();
        var stored = await db.ApiTokens.SingleAsync(t => t.Id == token.Id);
        // The second revocation changed nothing: the first one stands.
        Assert.Equal(("tuphap", new FixedClock(Today).GetUtcNow().UtcDateTime), (stored.RevokedBy, stored.RevokedAt));
    }

    [Fact]
    public async Task ALastUseIsWrittenAtMostOnceAMinute()
    {
        var (token, secret) = await _tokens.CreateAsync(ActingUsers.Admin, Input("CMS", _baotn, ApiScopes.Write));
        var clock = new FakeTimeProvider(new DateTimeOffset(2021, 10, 21, 2, 0, 0, TimeSpan.Zero));
        var tokens = new ApiTokenService(_db.Factory, clock);
        var first = clock.GetUtcNow().UtcDateTime;

        Assert.NotNull(await tokens.AuthenticateAsync(secret));
        Assert.Equal(first, await LastUseAsync(token.Id));
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(await tokens.AuthenticateAsync(secret));
        Assert.Equal(first, await LastUseAsync(token.Id));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await tokens.AuthenticateAsync(secret));
        Assert.Equal(first.AddMinutes(1), await LastUseAsync(token.Id));
        Assert.Equal(first.AddMinutes(1), Assert.Single(await _tokens.ListAsync(ActingUsers.Admin)).LastUsedAt);
    }

    [Fact]
    public async Task CreationAndRevocationAreInTheAuditLogByNameNeverBySecretOrHash()
    {
        var (token, secret) = await _tokens.CreateAsync(ActingUsers.Admin, Input("CMS Báo Thái Nguyên", _baotn, ApiScopes.Write));
        await _tokens.AuthenticateAsync(secret);
        await _tokens.RevokeAsync(ActingUsers.Admin, token.Id);

        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            var raw = await db.AuditEntries.Where(a => a.EntityType == nameof(ApiToken)).Select(a => a.Changes).ToListAsync();
            Assert.Equal(2, raw.Count);
            Assert.All(raw, changes =>
            {
                Assert.DoesNotContain(ApiTokenService.Hash(secret), changes);
                Assert.DoesNotContain(secret, changes);
                Assert.DoesNotContain("LastUsedAt", changes);
                Assert.DoesNotContain("SecretHash", changes);
            });
        }
        var log = await new AuditService(_db.Factory).SearchAsync(ActingUsers.Admin, new AuditQuery(EntityType: nameof(ApiToken), OldestFirst: true));

        Assert.Equal([AuditAction.Created, AuditAction.Updated], log.Items.Select(r => r.Action));
        var created = log.Items[0];
        Assert.Equal(("Mã truy cập API", "CMS Báo Thái Nguyên · Báo Thái Nguyên"), (created.EntityTypeLabel, created.EntityLabel));
        var values = created.Changes.ToDictionary(c => c.Label, c => c.After);
        Assert.Equal("CMS Báo Thái Nguyên", values["Tên"]);
        Assert.Equal("Báo Thái Nguyên", values["Đơn vị"]);
        Assert.Equal("Đọc và ghi", values["Quyền"]);
        Assert.Equal(token.Prefix, values["Tiền tố của mã"]);
        Assert.Equal("18/01/2022", values["Hiệu lực đến hết ngày"]);
        var revoked = log.Items[1].Changes.ToDictionary(c => c.Label, c => c.After);
        Assert.Equal(["Người thu hồi", "Thu hồi lúc"], revoked.Keys.Order());
        Assert.Equal("admin", revoked["Người thu hồi"]);
    }

    [Fact]
    public async Task WritesThroughATokenAreShownAsTheTokensNameInTheAuditLog()
    {
        var (token, secret) = await _tokens.CreateAsync(ActingUsers.Admin, Input("CMS Báo Thái Nguyên", _baotn, ApiScopes.Write));
        var caller = CommsPlanClaims.ToCurrentUser(ApiTokenService.ToPrincipal((await _tokens.AuthenticateAsync(secret))!, "ApiToken"));
        await using (var db = await _db.Factory.CreateForAsync(caller, new FixedClock(Today)))
        {
            db.Activities.Add(new CommsActivity
            {
                AgencyId = _baotn,
                ChannelId = await db.Channels.Where(c => c.Code == "BAO").OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync(),
                Title = "Bài đăng từ CMS",
                StartDate = new DateOnly(2021, 10, 18),
                Quantity = 1,
            });
            await db.SaveChangesAsync();
        }

        var log = await new AuditService(_db.Factory).SearchAsync(ActingUsers.Admin, new AuditQuery(EntityType: "Activity", UserName: "CMS"));

        var row = Assert.Single(log.Items);
        Assert.Equal(("api:CMS Báo Thái Nguyên", "Mã truy cập: CMS Báo Thái Nguyên"), (row.UserName, row.By));
        Assert.NotEqual(0, token.Id);
    }

    private async Task<DateTime?> LastUseAsync(int tokenId)
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        return await db.ApiTokens.Where(t => t.Id == tokenId).Select(t => t.LastUsedAt).SingleAsync();
    }

    private async Task<List<(string Property, string Message)>> MessagesAsync(ApiTokenInput input)
    {
        var result = await _tokens.Validator.ValidateAsync(input);
        return [.. result.Errors.Select(e => (e.PropertyName, e.ErrorMessage))];
    }

    public sealed class OnSqlite() : ApiTokenServiceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ApiTokenServiceTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
