namespace CommsPlan.Core.Common;

/// <summary>An entity users edit: its <see cref="Version"/> is the optimistic concurrency token, bumped on every save.</summary>
public interface IVersioned
{
    long Version { get; set; }
}

/// <summary>An entity that records who created and last changed it, and when (UTC).</summary>
public interface ITracked
{
    string CreatedBy { get; set; }
    DateTime CreatedAt { get; set; }
    string UpdatedBy { get; set; }
    DateTime UpdatedAt { get; set; }
}
