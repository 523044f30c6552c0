using CommsPlan.Core;
using CommsPlan.Core.Data;
using CommsPlan.Core.Evidence;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace CommsPlan.Tests.Core.Evidence;

/// <summary>
/// Several instances of the app on one PostgreSQL database see the same files: the bytes live in the database, so a
/// file uploaded through one instance downloads through another, as the load balancer may send the two requests.
/// </summary>
public sealed class EvidenceSharingTests : IAsyncLifetime, IOnPostgreSql
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSQL);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private ServiceProvider Instance()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(StoppedClock.DemoToday());
        services.AddCommsPlanCore(_database.ConnectionString, DatabaseProvider.PostgreSQL);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task AFileSavedThroughOneInstanceDownloadsThroughAnother()
    {
        var kit = await ActivityTestKit.CreateAsync(_database);
        var officer = kit.Officer("STP");
        var activity = await kit.Service().CreateAsync(officer, kit.Input());
        var photo = EvidenceSamples.Image(SKEncodedImageFormat.Jpeg);
        await using var first = Instance();
        await using var second = Instance();

        var saved = await first.GetRequiredService<EvidenceService>()
            .AddAsync(officer, EvidenceOwner.Activity(activity.Id), "Ảnh hội nghị.jpg", new MemoryStream(photo));
        var other = second.GetRequiredService<EvidenceService>();
        var listed = await other.ListAsync(ActingUsers.Monitor, EvidenceOwner.Activity(activity.Id));
        var download = await other.OpenAsync(ActingUsers.Monitor, saved.Id);
        var thumbnail = await other.OpenAsync(ActingUsers.Monitor, saved.Id, thumbnail: true);

        Assert.Equal(["Ảnh hội nghị.jpg"], listed.Select(i => i.FileName));
        Assert.NotNull(download);
        Assert.Equal(photo, download.Bytes);
        Assert.Equal("image/jpeg", download.ContentType);
        Assert.NotNull(thumbnail);
    }
}
