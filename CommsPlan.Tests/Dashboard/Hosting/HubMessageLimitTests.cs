using CommsPlan.Core.Activities;
using CommsPlan.Dashboard.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommsPlan.Tests.Dashboard.Hosting;

/// <summary>
/// The circuit's hub refuses (by closing the connection) any message above its limit: the limit must stay well above
/// what a person can send through the forms, whose longest field Core bounds, or a long legitimate note would cut the
/// user off. Raising a Core text limit without the hub's fails here.
/// </summary>
public sealed class HubMessageLimitTests
{
    [Fact]
    public void TheLongestFormFieldIsTheLongestTextCoreAccepts()
    {
        Assert.Equal(ActivityLimits.DescriptionMaxLength, HubMessageLimit.LongestText);
    }

    [Fact]
    public void TheHubTakesAtLeastTwiceTheLargestMessageAFormCanSend()
    {
        Assert.True(HubMessageLimit.Bytes >= 2 * HubMessageLimit.LargestLegitimateMessage,
            $"{HubMessageLimit.Bytes} bytes against a largest legitimate message of {HubMessageLimit.LargestLegitimateMessage}.");
    }

    [Fact]
    public void TheCircuitHubIsConfiguredWithThatLimit()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRazorComponents().AddLimitedInteractiveServerComponents();
        using var provider = services.BuildServiceProvider();
        var hub = typeof(Microsoft.AspNetCore.Components.Server.CircuitOptions).Assembly
            .GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var optionsType = typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hub));

        var options = (HubOptions)optionsType.GetProperty(nameof(IOptions<object>.Value))!.GetValue(provider.GetRequiredService(optionsType))!;

        Assert.Equal(HubMessageLimit.Bytes, options.MaximumReceiveMessageSize);
    }
}
