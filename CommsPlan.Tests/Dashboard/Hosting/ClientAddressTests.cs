using System.Net;
using CommsPlan.Dashboard.Hosting;
using Microsoft.Extensions.Configuration;

namespace CommsPlan.Tests.Dashboard.Hosting;

/// <summary>How the sign-in limits tell clients apart, and the circuit origins' setting.</summary>
public sealed class ClientAddressTests
{
    [Fact]
    public void AnIPv4ClientIsItsAddressWhetherOrNotItArrivesMappedToIPv6()
    {
        Assert.Equal("203.0.113.7", ClientAddress.Of(IPAddress.Parse("203.0.113.7")));
        Assert.Equal("203.0.113.7", ClientAddress.Of(IPAddress.Parse("::ffff:203.0.113.7")));
        Assert.Equal("unknown", ClientAddress.Of((IPAddress?)null));
    }

    [Fact]
    public void AnIPv6ClientIsItsSlash64NetworkSinceItCanPickAnyAddressInIt()
    {
        var one = ClientAddress.Of(IPAddress.Parse("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        var sameNetwork = ClientAddress.Of(IPAddress.Parse("2001:db8:1:2::1"));
        var otherNetwork = ClientAddress.Of(IPAddress.Parse("2001:db8:1:3::1"));

        Assert.Equal("2001:db8:1:2::/64", one);
        Assert.Equal(one, sameNetwork);
        Assert.NotEqual(one, otherNetwork);
    }

    [Fact]
    public void PublicOriginsAreReadAsAListOrOneValueAndAPathIsRefused()
    {
        static IConfiguration Settings(params (string Key, string Value)[] values) =>
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

        static IReadOnlyList<string> PublicOrigins(IConfiguration settings) =>
            CommsPlan.Dashboard.Hosting.Settings.Read<HostingOptions>(settings, HostingOptions.Section).Origins;

        Assert.Equal(["https://commsplan.thainguyen.gov.vn", "https://commsplan.thainguyen.gov.vn:8443"],
            PublicOrigins(Settings(("Hosting:PublicOrigins", "https://CommsPlan.ThaiNguyen.gov.vn:443/, https://commsplan.thainguyen.gov.vn:8443"))));
        Assert.Equal(["http://10.0.0.20:5000"], PublicOrigins(Settings(("Hosting:PublicOrigins:0", "http://10.0.0.20:5000"))));
        Assert.Empty(PublicOrigins(Settings()));
        var ex = Assert.Throws<SettingsException>(() => PublicOrigins(Settings(("Hosting:PublicOrigins", "https://commsplan.thainguyen.gov.vn/app"))));
        Assert.Contains("Hosting:PublicOrigins", ex.Message);
    }
}
