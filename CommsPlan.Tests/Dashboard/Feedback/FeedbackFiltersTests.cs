using Bunit;
using CommsPlan.Core.Access;
using CommsPlan.Core.Feedback;
using CommsPlan.Dashboard.Components.Pages.Feedback;
using CommsPlan.Tests.Support;
using MudBlazor;

namespace CommsPlan.Tests.Dashboard.Feedback;

public sealed class FeedbackFiltersTests : ComponentTestContext
{
    private static readonly AgencyChoice[] Agencies =
    [
        new(1, "STP", "Sở Tư pháp", AgencyKind.Department),
        new(2, "DAITU", "UBND huyện Đại Từ", AgencyKind.DistrictCommittee),
    ];

    [Fact]
    public void TheAgencyFilterNamesTheChosenAgencyAndHandsBackItsId()
    {
        int? chosen = null;
        var filters = Render<FeedbackFilters>(p => p.Add(x => x.Agencies, Agencies).Add(x => x.ShowAgency, true)
            .Add(x => x.AgencyIdChanged, id => chosen = id));
        var select = filters.FindComponent<MudSelect<int?>>();

        select.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(2));

        Assert.Equal(2, chosen);
        Assert.Equal("UBND huyện Đại Từ", select.Instance.ToStringFunc!(2));
        Assert.Equal(string.Empty, select.Instance.ToStringFunc!(null));
    }

    [Fact]
    public void AnOfficerGetsNoAgencyFilter()
    {
        var filters = Render<FeedbackFilters>(p => p.Add(x => x.Agencies, Agencies).Add(x => x.ShowAgency, false));

        Assert.Empty(filters.FindAll("[data-testid=filter-agency]"));
        Assert.Equal(2, filters.FindComponents<MudDatePicker>().Count);
    }

    [Fact]
    public void TheDatesComeBackAsDaysAndAClearedDateAsNone()
    {
        DateOnly? from = new DateOnly(2021, 1, 1);
        DateOnly? to = null;
        var filters = Render<FeedbackFilters>(p => p.Add(x => x.Agencies, Agencies)
            .Add(x => x.FromLabel, "Gửi từ ngày")
            .Add(x => x.FromChanged, d => from = d)
            .Add(x => x.ToChanged, d => to = d));
        var pickers = filters.FindComponents<MudDatePicker>();

        Assert.Equal("Gửi từ ngày", pickers[0].Instance.Label);
        pickers[0].InvokeAsync(() => pickers[0].Instance.DateChanged.InvokeAsync(null));
        pickers[1].InvokeAsync(() => pickers[1].Instance.DateChanged.InvokeAsync(new DateTime(2021, 10, 20, 13, 30, 0)));

        Assert.Null(from);
        Assert.Equal(new DateOnly(2021, 10, 20), to);
    }
}
