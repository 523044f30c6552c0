using CommsPlan.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.EntityType).HasMaxLength(AuditLimits.EntityTypeMaxLength);
        b.Property(a => a.EntityId).HasMaxLength(AuditLimits.EntityIdMaxLength);
        b.Property(a => a.UserId).HasMaxLength(AuditLimits.UserIdMaxLength);
        b.Property(a => a.UserName).HasMaxLength(AuditLimits.UserNameMaxLength);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.At);
    }
}
