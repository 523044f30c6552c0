using CommsPlan.Core.ReportingCycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

public sealed class PeriodReportConfiguration : IEntityTypeConfiguration<PeriodReport>
{
    public void Configure(EntityTypeBuilder<PeriodReport> b)
    {
        b.Property(r => r.PeriodKey).HasMaxLength(16);
        // Stored as its name here rather than in the context's conventions, so this change stays in one file.
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Commentary).HasMaxLength(PeriodReportLimits.CommentaryMaxLength);
        b.Property(r => r.ReviewComment).HasMaxLength(PeriodReportLimits.ReviewCommentMaxLength);
        b.Property(r => r.SubmittedBy).HasMaxLength(256);
        b.Property(r => r.ReviewedBy).HasMaxLength(256);
        b.Property(r => r.CreatedBy).HasMaxLength(256);
        b.Property(r => r.UpdatedBy).HasMaxLength(256);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne(r => r.Agency).WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
        // One report per agency and period; also the lock's lookup.
        b.HasIndex(r => new { r.AgencyId, r.PeriodKey }).IsUnique();
        b.HasIndex(r => new { r.PeriodKey, r.Status });
    }
}
