using System.Net;
using System.Net.Sockets;

namespace CommsPlan.Dashboard.Hosting;

/// <summary>
/// Who a request comes from, as the sign-in limits count it: the connection's address after
/// <see cref="WebHardening.UseKnownReverseProxies"/> resolved a known balancer's <c>X-Forwarded-For</c>. An IPv6 client
/// counts as its /64 network, since one machine can pick any address within it.
/// </summary>
internal static class ClientAddress
{
    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
