using CommsPlan.Core.Common;
using CommsPlan.Core.Plans;
using CommsPlan.Core.UnitPlans;
using FluentValidation;
using FluentValidation.Results;

namespace CommsPlan.Core.Api;

/// <summary>
/// The unit plans under a plan year (GET /api/v1/unit-plans): every agency bound by the unit-plan assignment that the
/// caller reads, with its status against the deadline and, when recorded, its document and targets.
/// </summary>
/// <param name="AssignmentCode">The code of the plan's unit-plan assignment (NV1 in 2021); null when the plan marks none.</param>
public sealed record ApiUnitPlanList(int Plan, string? AssignmentCode, DateOnly? Deadline, IReadOnlyList<ApiUnitPlanStatus> Agencies)
{
    public static ApiUnitPlanList From(int planYear, UnitPlanOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        return new(planYear, overview.AssignmentCode, overview.Deadline, [.. overview.Agencies.Select(a => new ApiUnitPlanStatus(
            a.AgencyCode, a.AgencyName, a.Status.ToString(), a.Status.DisplayName(), a.DocumentNumber, a.IssuedOn, a.Link,
            [.. a.Targets.Select(ApiTarget.From)]))]);
    }
}

/// <summary>One bound agency's standing; the document fields are null while it has no unit plan.</summary>
public sealed record ApiUnitPlanStatus(
    string AgencyCode, string AgencyName, string Status, string StatusName, string? DocumentNumber, DateOnly? IssuedOn, string? Link,
    IReadOnlyList<ApiTarget> Targets);

/// <summary>A year's target (chỉ tiêu) on one channel, in the channel's unit.</summary>
public sealed record ApiTarget(string Channel, string ChannelName, string Unit, int Quantity)
{
    public static ApiTarget From(UnitPlanTargetRow target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new(target.ChannelCode, target.ChannelName, target.Unit, target.Quantity);
    }
}

/// <summary>
/// One agency's unit plan (GET /api/v1/unit-plans/{agencyCode}, PUT /api/v1/unit-plans/mine). <see cref="Version"/> is
/// what the ETag carries and a PUT sends back as If-Match.
/// </summary>
public sealed record ApiUnitPlan(
    int Plan, string AgencyCode, string AgencyName, string DocumentNumber, DateOnly IssuedOn, string? Link, string? Notes,
    string Status, string StatusName, IReadOnlyList<ApiTarget> Targets, string UpdatedBy, DateTime UpdatedAt, long Version,
    string? EnteredOnBehalfBy)
{
    public static ApiUnitPlan From(int planYear, string agencyCode, UnitPlanDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new(planYear, agencyCode, details.AgencyName, details.DocumentNumber, details.IssuedOn, details.Link, details.Notes,
            details.Status.ToString(), details.Status.DisplayName(), [.. details.Targets.Select(ApiTarget.From)], details.UpdatedBy,
            details.UpdatedAt, details.Version, details.EnteredOnBehalfBy);
    }
}

/// <summary>
/// What PUT /api/v1/unit-plans/mine carries: the unit plan's document and its whole set of targets, channels named by
/// code as the import names them ("BAO"). The targets replace the stored ones: a channel left out, or given 0, has no
/// target afterwards.
/// </summary>
public sealed class ApiUnitPlanInput
{
    public string? DocumentNumber { get; init; }
    public DateOnly? IssuedOn { get; init; }
    public string? Link { get; init; }
    public string? Notes { get; init; }
    public List<ApiTargetInput>? Targets { get; init; }

    /// <summary>
    /// The form's input for the same save: channel codes (or names, as the import takes them) become the plan's channel
    /// ids; <see cref="ValidationException"/> names each target whose channel is missing or not in the plan's catalogue.
    /// Everything else is checked by the unit plan's own validator when it is saved.
    /// </summary>
    /// <param name="plan">The plan year's catalogue (<see cref="PlanService.GetPlanAsync"/>).</param>
    /// <param name="version">The version the caller started from (If-Match; 0 when the agency has no unit plan yet).</param>
    public UnitPlanInput ToInput(Plan plan, long version)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var channels = new Dictionary<string, Channel>();
        foreach (var channel in plan.FormGroups.SelectMany(g => g.Channels))
        {
            channels.TryAdd(TextFolding.Fold(channel.Code), channel);
            channels.TryAdd(TextFolding.Fold(channel.Name), channel);
        }
        var failures = new List<ValidationFailure>();
        var targets = new List<UnitPlanTargetInput>();
        var given = Targets ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var target = given[i];
            if (target is null || string.IsNullOrWhiteSpace(target.Channel))
            {
                failures.Add(new ValidationFailure($"targets[{i}].channel", "Thiếu mã hình thức tuyên truyền (channel) của chỉ tiêu."));
                continue;
            }
            if (!channels.TryGetValue(TextFolding.Fold(target.Channel), out var found))
            {
                failures.Add(new ValidationFailure($"targets[{i}].channel",
                    $"Hình thức tuyên truyền «{target.Channel.Trim()}» không có trong danh mục của kế hoạch năm {plan.Year}."));
                continue;
            }
            if (target.Quantity is not { } quantity)
            {
                failures.Add(new ValidationFailure($"targets[{i}].quantity", "Chỉ tiêu (quantity) là bắt buộc; nhập 0 để bỏ chỉ tiêu của hình thức này."));
                continue;
            }
            targets.Add(new UnitPlanTargetInput { ChannelId = found.Id, Quantity = quantity });
        }
        if (failures.Count > 0) throw new ValidationException(failures);
        return new UnitPlanInput
        {
            DocumentNumber = DocumentNumber ?? "",
            IssuedOn = IssuedOn,
            Link = Link,
            Notes = Notes,
            Targets = targets,
            Version = version,
        };
    }
}

/// <summary>A target to set: the channel's code and the year's quantity (0: none).</summary>
public sealed class ApiTargetInput
{
    public string? Channel { get; init; }
    public int? Quantity { get; init; }
}
