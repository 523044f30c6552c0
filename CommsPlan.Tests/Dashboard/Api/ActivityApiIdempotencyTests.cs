using System.Net;
using System.Text.Json.Nodes;
using CommsPlan.Core.Api;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CommsPlan.Tests.Dashboard.Api.ActivityApiTestKit;

namespace CommsPlan.Tests.Dashboard.Api;

/// <summary>
/// Retries cannot double-count: Idempotency-Key replays and externalId, over HTTP, on both engines (the unique indexes
/// that decide a race are the engine's).
/// </summary>
public abstract class ActivityApiIdempotencyTests(InProcessApp app)
{
    private const string Path = "/api/v1/activities";

    private static string Marker() => "idem" + Guid.NewGuid().ToString("N")[..10];

    private static string Article(string title, string extra = "") =>
        $$"""{"channel":"BAO","title":"{{title}}","startDate":"2021-10-18","quantity":1,"objectives":["MĐ1"],"themes":["ND1"]{{extra}}}""";

    private static HttpRequestMessage Post(string json, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = Json(json) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private async Task<int> CountAsync(string title)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>().CreateDbContextAsync();
        return await db.Activities.CountAsync(a => a.Title == title);
    }

    [Fact]
    public async Task TheSameKeyAndBodyTwiceCreateOneActivityAndReplayTheFirstAnswer()
    {
        using var client = await ClientAsync(app, "BAOTN");
        var title = Marker();
        var key = Guid.NewGuid().ToString();

        using var first = await client.SendAsync(Post(Article(title), key));
        using var again = await client.SendAsync(Post(Article(title), key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(first.Content.Headers.ContentType, again.Content.Headers.ContentType);
        Assert.False(first.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(["true"], again.Headers.GetValues("Idempotency-Replayed"));
        Assert.Equal(1, await CountAsync(title));
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBodyAnswers422AndCreatesNothing()
    {
        using var client = await ClientAsync(app, "BAOTN");
        var key = Guid.NewGuid().ToString();
        var other = Marker();
        using var first = await client.SendAsync(Post(Article(Marker()), key));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var refused = await client.SendAsync(Post(Article(other), key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Idempotency-Key", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["detail"]);
        Assert.Equal(0, await CountAsync(other));
    }

    [Fact]
    public async Task KeysBelongToTheirToken()
    {
        var key = Guid.NewGuid().ToString();
        var title = Marker();
        using var one = await ClientAsync(app, "BAOTN");
        using var two = await ClientAsync(app, "BAOTN");
        Assert.Equal(HttpStatusCode.Created, (await one.SendAsync(Post(Article(title), key))).StatusCode);
        using var second = await two.SendAsync(Post(Article(title), key));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(second.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(2, await CountAsync(title));
    }

    [Fact]
    public async Task AFailedCreateGivesItsKeyBackForTheCorrectedRetry()
    {
        using var client = await ClientAsync(app, "BAOTN");
        var key = Guid.NewGuid().ToString();
        var title = Marker();
        using var invalid = await client.SendAsync(Post(Article(title).Replace("\"quantity\":1", "\"quantity\":0"), key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        using var invalidAgain = await client.SendAsync(Post(Article(title).Replace("\"quantity\":1", "\"quantity\":0"), key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalidAgain.StatusCode);
        Assert.False(invalidAgain.Headers.Contains("Idempotency-Replayed"));
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>().CreateDbContextAsync())
        {
            Assert.False(await db.IdempotencyRecords.AnyAsync(r => r.Key == key));
        }
        Assert.Equal(0, await CountAsync(title));
    }

    [Fact]
    public async Task ConcurrentDuplicatesCreateOneActivity()
    {
        using var client = await ClientAsync(app, "BAOTN");
        var title = Marker();
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SendAsync(Post(Article(title), key))));
        try
        {
            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
            Assert.Equal(1, await CountAsync(title));
            // Every 201 is the same answer: the one activity.
            var bodies = await Task.WhenAll(responses.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.Content.ReadAsStringAsync()));
            Assert.Single(bodies.Distinct());
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    [Fact]
    public async Task ASecondActivityWithAnExternalIdTheAgencyUsedAnswers409PointingToTheFirst()
    {
        using var client = await ClientAsync(app, "BAOTN");
        var externalId = "cms-" + Marker();
        using var first = await client.PostAsync(Path, Json(Article(Marker(), $",\"externalId\":\"{externalId}\"")));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (int)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["id"]!;

        using var second = await client.PostAsync(Path, Json(Article(Marker(), $",\"externalId\":\"{externalId}\"")));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.Equal(id, (int)problem["existingId"]!);
        Assert.Equal($"{Path}/{id}", (string?)problem["existing"]);

        // Another agency's system may use the same id of its own.
        using var other = await ClientAsync(app, "DAITU");
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsync(Path, Json(Article(Marker(), $",\"externalId\":\"{externalId}\"")))).StatusCode);
    }

    [Fact]
    public async Task ConcurrentCreatesWithOneExternalIdRecordOneActivity()
    {
        using var client = await ClientAsync(app, "BAOTN");
        var externalId = "cms-" + Marker();
        var responses = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(i => client.PostAsync(Path, Json(Article(Marker(), $",\"externalId\":\"{externalId}\"")))));
        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>().CreateDbContextAsync();
            Assert.Equal(1, await db.Activities.CountAsync(a => a.ExternalId == externalId));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }

    [Fact]
    public async Task ACmsUpdatesAndReadsWhatItCreatedByItsExternalId()
    {
        using var client = await ClientAsync(app, "BAOTN");
        var externalId = "cms/" + Marker();
        var path = $"{Path}/by-external-id/{Uri.EscapeDataString(externalId)}";
        using var created = await client.PostAsync(Path, Json(Article("Bản đầu", $",\"externalId\":\"{externalId}\"")));
        var first = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;

        using var update = new HttpRequestMessage(HttpMethod.Put, path) { Content = Json(Article("Bản đã sửa")) };
        update.Headers.TryAddWithoutValidation("If-Match", $"\"{(long)first["version"]!}\"");
        using var updated = await client.SendAsync(update);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = JsonNode.Parse(await updated.Content.ReadAsStringAsync())!;
        Assert.Equal((int)first["id"]!, (int)after["id"]!);
        Assert.Equal(externalId, (string?)after["externalId"]);

        using var read = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("Bản đã sửa", (string?)JsonNode.Parse(await read.Content.ReadAsStringAsync())!["title"]);
        Assert.Equal(updated.Headers.ETag, read.Headers.ETag);

        using var stale = new HttpRequestMessage(HttpMethod.Put, path) { Content = Json(Article("Lần nữa")) };
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{(long)first["version"]!}\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendAsync(stale)).StatusCode);
        using var missing = new HttpRequestMessage(HttpMethod.Put, path) { Content = Json(Article("Lần nữa")) };
        Assert.Equal((HttpStatusCode)428, (await client.SendAsync(missing)).StatusCode);

        using var unknown = new HttpRequestMessage(HttpMethod.Put, $"{Path}/by-external-id/khong-co-{Marker()}") { Content = Json(Article("x")) };
        unknown.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(unknown)).StatusCode);

        using var province = await ClientAsync(app, null, ApiScopes.Read);
        Assert.Equal(HttpStatusCode.OK, (await province.GetAsync($"{path}?agency=BAOTN")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await province.GetAsync(path)).StatusCode);
    }

    [Collection(ActivityApiCollection.Name)]
    public sealed class OnSqlite(InProcessApp app) : ActivityApiIdempotencyTests(app);

    public sealed class OnPostgreSql(PostgreSqlApp fixture) : ActivityApiIdempotencyTests(fixture.App), IClassFixture<PostgreSqlApp>, IOnPostgreSql;

    /// <summary>The app in process on a PostgreSQL database of its own, migrated and seeded by the app's start-up.</summary>
    public sealed class PostgreSqlApp : IAsyncLifetime
    {
        private TestDatabase? _database;

        public InProcessApp App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _database = await TestDatabase.CreateEmptyAsync(DatabaseProvider.PostgreSQL);
            App = new InProcessApp(("Database:Provider", "PostgreSQL"), ("ConnectionStrings:CommsPlan", _database.ConnectionString));
            await ((IAsyncLifetime)App).InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            if (App is not null) await ((IAsyncLifetime)App).DisposeAsync();
            if (_database is not null) await _database.DisposeAsync();
        }
    }
}
