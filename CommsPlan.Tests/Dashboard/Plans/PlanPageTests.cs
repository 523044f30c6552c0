using Bunit;
using CommsPlan.Dashboard.Components.Pages.Plans;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Tests.Dashboard.Plans;

public sealed class PlanPageTests : DashboardTestContext
{
    [Fact]
    public void RendersObjectivesAndChannelsFromTheDatabase()
    {
        var page = Render<PlanPage>();

        page.WaitForAssertion(() => Assert.Contains("20/KH-UBND", page.Find("h1").TextContent));
        var objectives = page.Find("[data-testid=objectives]").TextContent;
        foreach (var code in new[] { "MĐ1", "MĐ2", "MĐ3", "MĐ4" }) Assert.Contains(code, objectives);
        Assert.Contains("Hội nghị, hội thảo", page.Find("[data-testid=channels-HT2]").TextContent);
        Assert.Contains("31/03/2021", page.Find("[data-testid=assignments]").TextContent);
        Assert.Contains("04/02/2021", page.Markup);
    }

    [Fact]
    public async Task ShowsWhatAnAdministratorChangedNotAHardCodedText()
    {
        await using (var db = Database.CreateContext())
        {
            var channel = await db.Channels.SingleAsync(c => c.Code == "PANO");
            channel.Name = "Pano tấm lớn";
            await db.SaveChangesAsync();
        }

        var page = Render<PlanPage>();

        page.WaitForAssertion(() => Assert.Contains("Pano tấm lớn", page.Find("[data-testid=channels-HT3]").TextContent));
    }
}
