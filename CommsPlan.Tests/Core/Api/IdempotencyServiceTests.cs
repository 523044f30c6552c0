using System.Text;
using CommsPlan.Core.Api;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CommsPlan.Tests.Core.Api;

/// <summary>
/// A key is reserved by the unique index (TokenId, Key) before the work starts, answered once, replayed for a day and
/// then forgotten: on both engines, whose unique violations differ.
/// </summary>
public abstract class IdempotencyServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 10, 20, 3, 0, 0, TimeSpan.Zero));
    private IdempotencyService _service = null!;
    private int _tokenId;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider);
        _service = new IdempotencyService(_db.Factory, _time);
        var tokens = new ApiTokenService(_db.Factory, _time);
        var (token, _) = await tokens.CreateAsync(ActingUsers.Admin,
            new("CMS", await _db.AgencyIdAsync("BAOTN"), ApiScopes.Write, new DateOnly(2021, 12, 31)));
        _tokenId = token.Id;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static string Hash(string body) => IdempotencyService.RequestHash("POST", "/api/v1/activities", Encoding.UTF8.GetBytes(body));

    [Fact]
    public void TheRequestHashCoversMethodPathAndBody()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var hash = IdempotencyService.RequestHash("POST", "/api/v1/activities", body);
        Assert.Equal(64, hash.Length);
        Assert.Equal(hash, IdempotencyService.RequestHash("post", "/api/v1/activities", body));
        Assert.NotEqual(hash, IdempotencyService.RequestHash("PUT", "/api/v1/activities", body));
        Assert.NotEqual(hash, IdempotencyService.RequestHash("POST", "/api/v1/activitie", body));
        Assert.NotEqual(hash, IdempotencyService.RequestHash("POST", "/api/v1/activities", Encoding.UTF8.GetBytes("{ }")));
    }

    [Fact]
    public async Task AKeyIsReservedOnceAnsweredAndThenReplayed()
    {
        var first = await _service.BeginAsync(_tokenId, "k1", Hash("a"));
        Assert.Equal(IdempotencyStart.Outcome.Reserved, first.Kind);
        Assert.Equal(IdempotencyStart.Outcome.InProgress, (await _service.BeginAsync(_tokenId, "k1", Hash("a"))).Kind);
        Assert.Equal(IdempotencyStart.Outcome.KeyReused, (await _service.BeginAsync(_tokenId, "k1", Hash("b"))).Kind);

        await _service.CompleteAsync(first.ReservationId, 201, "/api/v1/activities/7", """{"id":7}""");

        var again = await _service.BeginAsync(_tokenId, "k1", Hash("a"));
        Assert.Equal(IdempotencyStart.Outcome.Replay, again.Kind);
        Assert.Equal(201, again.Answer!.StatusCode);
        Assert.Equal("/api/v1/activities/7", again.Answer.Location);
        Assert.Equal("""{"id":7}""", again.Answer.ResponseBody);
    }

    [Fact]
    public async Task ConcurrentFirstRequestsReserveTheKeyOnce()
    {
        var starts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _service.BeginAsync(_tokenId, "race", Hash("a")))));
        Assert.Single(starts, s => s.Kind == IdempotencyStart.Outcome.Reserved);
        Assert.All(starts.Where(s => s.Kind != IdempotencyStart.Outcome.Reserved), s => Assert.Equal(IdempotencyStart.Outcome.InProgress, s.Kind));
    }

    [Fact]
    public async Task AReleasedKeyMayBeUsedAgainEvenForAnotherBody()
    {
        var first = await _service.BeginAsync(_tokenId, "k2", Hash("a"));
        await _service.ReleaseAsync(first.ReservationId);
        Assert.Equal(IdempotencyStart.Outcome.Reserved, (await _service.BeginAsync(_tokenId, "k2", Hash("b"))).Kind);
    }

    [Fact]
    public async Task AnExpiredAnswerIsIgnoredAndRemoved()
    {
        var first = await _service.BeginAsync(_tokenId, "old", Hash("a"));
        await _service.CompleteAsync(first.ReservationId, 201, null, "{}");
        _time.Advance(IdempotencyService.Lifetime + TimeSpan.FromMinutes(1));

        // Another key's request clears it on the way.
        Assert.Equal(IdempotencyStart.Outcome.Reserved, (await _service.BeginAsync(_tokenId, "new", Hash("x"))).Kind);
        await using (var db = _db.CreateContext())
        {
            Assert.False(await db.IdempotencyRecords.AnyAsync(r => r.Key == "old"));
        }
        Assert.Equal(IdempotencyStart.Outcome.Reserved, (await _service.BeginAsync(_tokenId, "old", Hash("b"))).Kind);
    }

    [Fact]
    public async Task AReservationLeftWithoutAnAnswerIsTakenOverAfterAWhile()
    {
        await _service.BeginAsync(_tokenId, "stuck", Hash("a"));
        Assert.Equal(IdempotencyStart.Outcome.InProgress, (await _service.BeginAsync(_tokenId, "stuck", Hash("a"))).Kind);
        _time.Advance(IdempotencyService.AbandonedAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(IdempotencyStart.Outcome.Reserved, (await _service.BeginAsync(_tokenId, "stuck", Hash("a"))).Kind);
        Assert.Equal(IdempotencyStart.Outcome.InProgress, (await _service.BeginAsync(_tokenId, "stuck", Hash("a"))).Kind);
    }

    [Fact]
    public async Task KeysOfDifferentTokensDoNotMeet()
    {
        var tokens = new ApiTokenService(_db.Factory, _time);
        var (other, _) = await tokens.CreateAsync(ActingUsers.Admin,
            new("CMS 2", await _db.AgencyIdAsync("DAITU"), ApiScopes.Write, new DateOnly(2021, 12, 31)));
        Assert.Equal(IdempotencyStart.Outcome.Reserved, (await _service.BeginAsync(_tokenId, "same", Hash("a"))).Kind);
        Assert.Equal(IdempotencyStart.Outcome.Reserved, (await _service.BeginAsync(other.Id, "same", Hash("b"))).Kind);
    }

    public sealed class OnSqlite() : IdempotencyServiceTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : IdempotencyServiceTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
