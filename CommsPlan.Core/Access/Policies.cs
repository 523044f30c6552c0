using Microsoft.AspNetCore.Authorization;

namespace CommsPlan.Core.Access;

/// <summary>
/// The named authorization policies pages and endpoints declare (`@attribute [Authorize(Policy = Policies.Audit)]`,
/// `.RequireAuthorization(Policies.ReadAll)`), each a set of roles from the role table. They decide which
/// pages a role may open; what a user may see and change inside a page is still decided by Core from
/// <see cref="CurrentUser"/> (an officer on a <see cref="SignedIn"/> page sees only its own agency's data).
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in user with a CommsPlan role: the plan, the overview, the agency-scoped lists.</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>Every agency's data side by side: monitoring officers, leadership and IT staff.</summary>
    public const string ReadAll = "ReadAll";

    /// <summary>Reviewing agencies' work (answering difficulties, checking reports): the Office's monitoring officers.</summary>
    public const string Review = "Review";

    /// <summary>Creating and changing an agency's own records: agency officers only.</summary>
    public const string AgencyWrite = "AgencyWrite";

    /// <summary>The audit history of every record: IT staff and monitoring officers.</summary>
    public const string Audit = "Audit";

    /// <summary>Writing each year's plan (Kế hoạch các năm): IT staff and the Office's monitoring officers, who draft it.</summary>
    public const string PlanAuthoring = "PlanAuthoring";

    /// <summary>Users, agencies and the plan catalogue: IT staff.</summary>
    public const string Administration = "Administration";

    /// <summary>
    /// API tokens for agencies' own systems (/tokens): IT staff, for any agency and the province, and agency officers,
    /// for their own agency (Core decides which tokens each sees).
    /// </summary>
    public const string ApiTokens = "ApiTokens";

    /// <summary>Which roles each policy admits: the one table the registration below is built from.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RolesByPolicy = new Dictionary<string, IReadOnlyList<string>>
    {
        [SignedIn] = [Roles.Admin, Roles.Monitor, Roles.AgencyOfficer, Roles.Viewer],
        [ReadAll] = [Roles.Admin, Roles.Monitor, Roles.Viewer],
        [Review] = [Roles.Monitor],
        [AgencyWrite] = [Roles.AgencyOfficer],
        [Audit] = [Roles.Admin, Roles.Monitor],
        [PlanAuthoring] = [Roles.Admin, Roles.Monitor],
        [Administration] = [Roles.Admin],
        [ApiTokens] = [Roles.Admin, Roles.AgencyOfficer],
    };

    public static IReadOnlyList<string> All { get; } = [.. RolesByPolicy.Keys];

    /// <summary>Registers every policy: a signed-in user in one of the policy's roles.</summary>
    public static AuthorizationBuilder AddCommsPlanPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (name, roles) in RolesByPolicy)
            builder.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
        return builder;
    }

    /// <summary>Whether a user in <paramref name="roles"/> passes <paramref name="policy"/> (for menus and services).</summary>
    public static bool Allows(string policy, IEnumerable<string> roles) =>
        RolesByPolicy.TryGetValue(policy, out var allowed) && roles.Any(allowed.Contains);
}
