using CommsPlan.Core.Common;

namespace CommsPlan.Core.Audit;

/// <summary>One create, update or delete of a record users edit, with the values before and after.</summary>
public sealed class AuditEntry : ISearchable
{
    public long Id { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public AuditAction Action { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public DateTime At { get; set; }
    /// <summary>JSON object of the changed properties: { "Name": { "before": …, "after": … } }.</summary>
    public required string Changes { get; set; }

    /// <summary>The folded user name the audit log's filter searches, kept by the write path (<see cref="ISearchable"/>).</summary>
    public string SearchKey { get; set; } = "";

    public IEnumerable<string?> SearchedTexts() => [UserName];
}

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
}
