using CommsPlan.Core.Access;
using CommsPlan.Core.Plans;

namespace CommsPlan.Core.Api;

// What /api/v1 answers about the plans, their catalogue and the agencies. Enumerations travel as their names
// ("Running", "Department"), each beside its Vietnamese label, so a program matches on a stable word and a person reads.

/// <summary>An issued plan (GET /api/v1/plans).</summary>
public sealed record ApiPlan(
    int Year, string Number, string Title, DateOnly IssuedOn, DateOnly PeriodStart, DateOnly PeriodEnd, string Status, string StatusName)
{
    public static ApiPlan From(IssuedPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new(plan.Year, plan.Number, plan.Title, plan.IssuedOn, plan.PeriodStart, plan.PeriodEnd, plan.Status.ToString(), plan.Status.Label());
    }
}

/// <summary>
/// The catalogue of an issued plan (GET /api/v1/plans/{year}/catalogue), in the plan's order. Codes are the ones the
/// Excel import accepts: objectives and themes by <see cref="ApiCatalogueItem.Code"/> or <see cref="ApiCatalogueItem.DisplayCode"/>
/// ("MD1" or "MĐ1"), channels by <see cref="ApiChannel.Code"/> ("BAO").
/// </summary>
public sealed record ApiCatalogue(
    int Year,
    string Number,
    IReadOnlyList<ApiCatalogueItem> Objectives,
    IReadOnlyList<ApiCatalogueItem> Themes,
    IReadOnlyList<ApiFormGroup> FormGroups,
    IReadOnlyList<ApiAssignment> Assignments)
{
    /// <param name="plan">A plan loaded with its whole catalogue, sorted (<see cref="PlanService.GetPlanAsync"/>).</param>
    public static ApiCatalogue From(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new(plan.Year, plan.Number,
            [.. plan.Objectives.Select(ApiCatalogueItem.From)],
            [.. plan.Themes.Select(ApiCatalogueItem.From)],
            [.. plan.FormGroups.Select(g => new ApiFormGroup(g.Code, g.DisplayCode, g.ShortName, g.Text,
                [.. g.Channels.Select(c => new ApiChannel(c.Code, c.Name, c.Unit, c.SecondMeasureLabel, c.SecondMeasureUnit, c.IsActive))]))],
            [.. plan.Assignments.Select(a => new ApiAssignment(a.Code, a.DisplayCode, a.ShortName, a.Text, a.Deadline,
                [.. Enum.GetValues<AgencyKind>().Where(k => a.Binds.HasFlag(k.AsFlag())).Select(k => k.ToString())],
                a.IsUnitPlanAssignment))]);
    }
}

/// <summary>An objective (Mục đích) or a content theme (Nội dung): ASCII code, code as shown, short name, the plan's wording.</summary>
public sealed record ApiCatalogueItem(string Code, string DisplayCode, string Name, string Text)
{
    public static ApiCatalogueItem From(PlanItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Code, item.DisplayCode, item.ShortName, item.Text);
    }
}

/// <summary>A form group (Hình thức: HT1 mass media, HT2 integrated, HT3 visual and print) with its channels.</summary>
public sealed record ApiFormGroup(string Code, string DisplayCode, string Name, string Text, IReadOnlyList<ApiChannel> Channels);

/// <summary>A channel activities are logged under; a channel no longer in use (<see cref="Active"/> false) takes no new activity or target.</summary>
public sealed record ApiChannel(string Code, string Name, string Unit, string? SecondMeasureLabel, string? SecondMeasureUnit, bool Active);

/// <summary>An assignment (Nhiệm vụ): its deadline, the agency kinds it binds, and whether it is the unit-plan assignment (NV1).</summary>
public sealed record ApiAssignment(
    string Code, string DisplayCode, string Name, string Text, DateOnly? Deadline, IReadOnlyList<string> BoundAgencyKinds, bool UnitPlanAssignment);

/// <summary>An agency (GET /api/v1/agencies): kind and reporting group by name and in Vietnamese; the successor's code after a merge.</summary>
public sealed record ApiAgency(string Code, string Name, string Kind, string KindName, string Group, string GroupName, bool Active, string? SuccessorCode)
{
    public static ApiAgency From(AgencyListing agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return new(agency.Code, agency.Name, agency.Kind.ToString(), agency.Kind.DisplayName(), agency.Group.ToString(), agency.Group.DisplayName(),
            agency.IsActive, agency.SuccessorCode);
    }
}
