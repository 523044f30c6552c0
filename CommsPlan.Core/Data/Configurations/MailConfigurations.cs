using CommsPlan.Core.Mail;
using CommsPlan.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

public sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> b)
    {
        b.HasIndex(m => m.DedupKey).IsUnique();
        // What the sender looks for: pending mail that is due.
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasIndex(m => m.CreatedAt);
        b.Property(m => m.DedupKey).HasMaxLength(300);
        b.Property(m => m.ToAddress).HasMaxLength(256);
        b.Property(m => m.ToName).HasMaxLength(200);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.AttachmentName).HasMaxLength(200);
        b.Property(m => m.UserId).HasMaxLength(450);
        b.Property(m => m.LockedBy).HasMaxLength(100);
        b.Property(m => m.CreatedBy).HasMaxLength(256);
        b.Property(m => m.LastError).HasMaxLength(1000);
    }
}

public sealed class ReportTextConfiguration : IEntityTypeConfiguration<ReportText>
{
    public void Configure(EntityTypeBuilder<ReportText> b)
    {
        b.HasIndex(t => new { t.PlanId, t.PeriodFrom, t.PeriodTo, t.ScopeKey, t.Section }).IsUnique();
        b.Property(t => t.ScopeKey).HasMaxLength(64);
        b.Property(t => t.Section).HasMaxLength(32);
        b.Property(t => t.Text).HasMaxLength(ReportSections.MaxTextLength);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.Property(t => t.CreatedBy).HasMaxLength(256);
        b.Property(t => t.UpdatedBy).HasMaxLength(256);
    }
}
