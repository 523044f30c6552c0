// The durability test's writer (docs/security.md, "Durability"): Core's own save path (ActivityService on the app's
// service registration, so the same WAL, busy wait and full sync) in a process of its own that the test can SIGKILL
// mid-stream. Each writer saves activities one by one and prints "ACK <title>" only after CreateAsync returned, i.e.
// after SQLite reported the commit: every ACK line is a promise the database must keep after the kill.
//
// Usage: dotnet CommsPlan.DurabilityProbe.dll <database file> <writers>
using CommsPlan.Core;
using CommsPlan.Tools;
using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

if (args.Length != 2 || !int.TryParse(args[1], out var writers) || writers < 1)
{
    Console.Error.WriteLine("Usage: CommsPlan.DurabilityProbe <database file> <writers>");
    return 2;
}

await using var provider = await ProbeHost.StartAsync(args[0]);
var activities = provider.GetRequiredService<ActivityService>();
var catalogue = await activities.GetCatalogueAsync();
var agencyId = await ProbeHost.AgencyIdAsync(provider, "STP");
var officer = new CurrentUser("probe", "probe", [Roles.AgencyOfficer], agencyId);
var channel = catalogue.Channels.First(c => c.Code == "HOINGHI").Id;
var objective = catalogue.Objectives.First().Id;
var theme = catalogue.Themes.First().Id;

var output = Console.Out;
var outputLock = new object();
lock (outputLock) output.WriteLine("READY");
output.Flush();

var tasks = Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
{
    for (var n = 0; ; n++)
    {
        var title = $"Probe w{writer} n{n}";
        await activities.CreateAsync(officer, new ActivityInput
        {
            AgencyId = agencyId,
            ChannelId = channel,
            Title = title,
            StartDate = new DateOnly(2021, 5, 12),
            Quantity = 1,
            ObjectiveIds = [objective],
            ThemeIds = [theme],
        });
        lock (outputLock)
        {
            output.WriteLine($"ACK {title}");
            output.Flush();
        }
    }
})).ToArray();
await Task.WhenAll(tasks);
return 0;
