namespace CommsPlan.Core.Access;

/// <summary>A district-level area (địa bàn) where an activity took place.</summary>
public sealed class District
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
}
