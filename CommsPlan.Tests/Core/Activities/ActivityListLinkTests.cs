using CommsPlan.Core.Activities;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace CommsPlan.Tests.Core.Activities;

/// <summary>The activity list's address: every filter, the sort and the page survive a round trip, by the catalogue's codes.</summary>
public sealed class ActivityListLinkTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ActivityTestKit _kit = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _kit = await ActivityTestKit.CreateAsync(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private ActivityQuery Parse(string queryString)
    {
        var parameters = QueryHelpers.ParseQuery(queryString);
        return ActivityListLink.Parse(name => parameters.TryGetValue(name, out var v) ? v.ToString() : null, _kit.Catalogue);
    }

    [Fact]
    public void EveryFilterSortAndPageComesBackFromItsLink()
    {
        var catalogue = _kit.Catalogue;
        var channel = catalogue.Channels.Single(c => c.Code == "BAO");
        var full = new ActivityQuery
        {
            AgencyId = _kit.Agencies["STP"],
            FormGroupId = channel.FormGroupId,
            ChannelId = channel.Id,
            ObjectiveId = _kit.Objective("MD2"),
            ThemeId = _kit.Theme("ND3"),
            From = new DateOnly(2021, 1, 1),
            To = new DateOnly(2021, 9, 30),
            Text = "hội nghị & tập huấn = 100%",
            SortBy = ActivitySort.Cost,
            Descending = false,
            Page = 3,
            PageSize = 50,
        };

        var link = ActivityListLink.ToQueryString(full, catalogue);

        Assert.Equal(full, Parse(link));
        Assert.StartsWith($"agency=STP&group={channel.FormGroupCode}&channel=BAO&objective=MD2&theme=ND3&from=2021-01-01&to=2021-09-30&q=", link,
            StringComparison.Ordinal);
        Assert.EndsWith("&sort=cost&page=4&size=50", link, StringComparison.Ordinal);
        // Each filter alone, and each sort both ways.
        foreach (var one in new[]
                 {
                     new ActivityQuery { AgencyId = full.AgencyId }, new ActivityQuery { FormGroupId = full.FormGroupId },
                     new ActivityQuery { ChannelId = full.ChannelId }, new ActivityQuery { ObjectiveId = full.ObjectiveId },
                     new ActivityQuery { ThemeId = full.ThemeId }, new ActivityQuery { From = full.From }, new ActivityQuery { To = full.To },
                     new ActivityQuery { Text = "Tuyên truyền" }, new ActivityQuery { Page = 1 }, new ActivityQuery { PageSize = 100 },
                 }.Concat(Enum.GetValues<ActivitySort>().SelectMany(s => new[]
                 {
                     new ActivityQuery { SortBy = s, Descending = true }, new ActivityQuery { SortBy = s, Descending = false },
                 })))
        {
            Assert.Equal(one, Parse(ActivityListLink.ToQueryString(one, catalogue)));
        }
    }

    [Fact]
    public void ThePlainListHasAnEmptyLinkAndAnEmptyLinkIsThePlainList()
    {
        Assert.Equal("", ActivityListLink.ToQueryString(new ActivityQuery(), _kit.Catalogue));
        Assert.Equal(new ActivityQuery(), Parse(""));
    }

    [Fact]
    public void ALinkTypedByHandIsReadForgivinglyAndNeverBreaksTheList()
    {
        // Codes in any case, the screen's MĐ spelling, and nonsense dropped rather than failing.
        var query = Parse("?channel=bao&objective=MĐ1&theme=nd9&agency=NOPE&from=2021-13-01&to=2021-02-30&sort=-nonsense&page=-2&size=100000");
        Assert.Equal(_kit.Channel("BAO"), query.ChannelId);
        Assert.Equal(_kit.Objective("MD1"), query.ObjectiveId);
        Assert.Null(query.ThemeId);
        Assert.Null(query.AgencyId);
        Assert.Null(query.From);
        Assert.Null(query.To);
        Assert.Equal(ActivitySort.StartDate, query.SortBy);
        Assert.True(query.Descending);
        Assert.Equal(0, query.Page);
        Assert.Equal(ActivityListLink.DefaultPageSize, query.PageSize);
    }

    [Fact]
    public void AChannelOutsideTheChosenFormGroupIsDroppedAsTheScreenWould()
    {
        var bao = _kit.Catalogue.Channels.Single(c => c.Code == "BAO");
        var otherGroup = _kit.Catalogue.FormGroups.First(g => g.Id != bao.FormGroupId);
        var query = Parse($"group={otherGroup.Code}&channel=BAO");
        Assert.Equal(otherGroup.Id, query.FormGroupId);
        Assert.Null(query.ChannelId);
    }
}
