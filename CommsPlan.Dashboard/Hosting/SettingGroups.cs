using System.ComponentModel.DataAnnotations;
using System.Net;

namespace CommsPlan.Dashboard.Hosting;

// The host's own setting groups (the README's configuration table); Core's are DatabaseOptions, BackupOptions,
// ReportingOptions, HeavyJobLimits and KeyRingSettings. All are bound and checked in Settings.

/// <summary>The demo (`Seed:*`): accounts with a known password and a clock set to a day in the middle of the plan's year.</summary>
internal sealed class DemoOptions
{
    public const string Section = "Seed";

    /// <summary>`Seed:DemoData`: create the demo accounts and year, and run on <see cref="DemoToday"/>.</summary>
    public bool DemoData { get; set; }

    /// <summary>`Seed:DemoToday` (yyyy-MM-dd): the demo's "today".</summary>
    public DateOnly DemoToday { get; set; } = new(2021, 10, 20);
}

/// <summary>The first administrator outside demo mode (`Bootstrap:*`); Identity's password rules are checked when it is created.</summary>
internal sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string? AdminUser { get; set; }

    /// <summary>Given through the environment (<c>Bootstrap__AdminPassword</c>), never in a file.</summary>
    public string? AdminPassword { get; set; }
}

/// <summary>`RateLimits:LoginPerMinute`: sign-in attempts allowed per client address per minute.</summary>
internal sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, 1_000_000, ErrorMessage = "must be from {1} to {2} attempts a minute")]
    public int LoginPerMinute { get; set; } = 10;
}

/// <summary>`Api:RequestsPerMinute`: calls one API token may make per minute on each app server.</summary>
internal sealed class ApiOptions
{
    public const string Section = "Api";

    [Range(1, 1_000_000, ErrorMessage = "must be from {1} to {2} requests a minute")]
    public int RequestsPerMinute { get; set; } = 120;
}

/// <summary>`ReverseProxy:KnownProxies`: the load balancers whose forwarded headers are trusted; none by default.</summary>
internal sealed class ReverseProxyOptions : IValidatableObject
{
    public const string Section = "ReverseProxy";

    public List<string> KnownProxies { get; set; } = [];

    /// <summary>The proxies' addresses (checked at start: each one is an IP address).</summary>
    public IReadOnlyList<IPAddress> Addresses => [.. KnownProxies.Select(IPAddress.Parse)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        KnownProxies.Where(v => !IPAddress.TryParse(v, out _))
            .Select(v => new ValidationResult($"holds \"{v}\", which is not an IP address", [nameof(KnownProxies)]));
}

/// <summary>`Hosting:PublicOrigins`: the addresses users open the app at; only their pages may open a circuit (CircuitOrigins).</summary>
internal sealed class HostingOptions : IValidatableObject
{
    public const string Section = "Hosting";

    public List<string> PublicOrigins { get; set; } = [];

    /// <summary>The origins as scheme://host[:port] in lower case (checked at start: each one is an origin).</summary>
    public IReadOnlyList<string> Origins => [.. PublicOrigins.Select(o => CircuitOrigins.Normalize(o)!)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        PublicOrigins.Where(v => CircuitOrigins.Normalize(v) is null)
            .Select(v => new ValidationResult($"holds \"{v}\", which is not an origin (https://host or https://host:port)", [nameof(PublicOrigins)]));
}
