namespace CommsPlan.Core.Audit;

/// <summary>Bounds on what an audit entry holds: used by the schema and by the audit log's filters alike.</summary>
public static class AuditLimits
{
    public const int EntityTypeMaxLength = 64;
    public const int EntityIdMaxLength = 64;
    public const int UserIdMaxLength = 64;
    public const int UserNameMaxLength = 256;
}
