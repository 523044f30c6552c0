namespace CommsPlan.Core.Plans;

/// <summary>Common shape of the plan's coded catalogue entries (MĐ1, ND2, HT3, NV1…).</summary>
public abstract class PlanItem : Audit.IAudited
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    /// <summary>Stable ASCII code used in URLs, imports and exports (MD1, ND2, HT3, NV1…).</summary>
    public string Code { get; set; } = "";
    /// <summary>Code as shown on screen (MĐ1 for MD1; otherwise the code itself).</summary>
    public string DisplayCode { get; set; } = "";
    /// <summary>A short Vietnamese label for charts and tables.</summary>
    public string ShortName { get; set; } = "";
    /// <summary>The plan's own wording.</summary>
    public string Text { get; set; } = "";
    public int SortOrder { get; set; }
}

/// <summary>Mục đích (section I.1).</summary>
public sealed class Objective : PlanItem;

/// <summary>Yêu cầu (section I.2).</summary>
public sealed class Requirement : PlanItem;

/// <summary>Nội dung tuyên truyền (section II.1).</summary>
public sealed class ContentTheme : PlanItem;

/// <summary>Hình thức tuyên truyền (section II.2): mass media, integrated, visual and print.</summary>
public sealed class FormGroup : PlanItem
{
    public List<Channel> Channels { get; set; } = [];
}

/// <summary>Nhiệm vụ (section III): who must do what, and by when.</summary>
public sealed class Assignment : PlanItem
{
    /// <summary>The kinds of agency this assignment binds.</summary>
    public Access.AgencyKinds Binds { get; set; }
    public DateOnly? Deadline { get; set; }
    /// <summary>
    /// Whether this is the assignment to build each agency's own unit plan (NV1 of Plan 20/KH-UBND): unit plans are
    /// judged on time against its deadline. At most one per plan.
    /// </summary>
    public bool IsUnitPlanAssignment { get; set; }
}
