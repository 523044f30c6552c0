namespace CommsPlan.Core.Plans;

/// <summary>A channel an activity is logged under (BAO, PTTH, … APPHICH), with its unit of count.</summary>
public sealed class Channel : Audit.IAudited
{
    public int Id { get; set; }
    public int FormGroupId { get; set; }
    public FormGroup? FormGroup { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>Unit the quantity is counted in, e.g. "tin, bài".</summary>
    public required string Unit { get; set; }
    /// <summary>Label of the optional second measure, e.g. "Số người tham dự"; null when the channel has none.</summary>
    public string? SecondMeasureLabel { get; set; }
    /// <summary>Unit of the second measure, e.g. "lượt người".</summary>
    public string? SecondMeasureUnit { get; set; }
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }

    public bool HasSecondMeasure => SecondMeasureLabel is not null;
}
