using CommsPlan.Core.Feedback;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

public sealed class CommendationConfiguration : IEntityTypeConfiguration<Commendation>
{
    public void Configure(EntityTypeBuilder<Commendation> b)
    {
        b.Property(c => c.Recipient).HasMaxLength(FeedbackLimits.RecipientMaxLength);
        b.Property(c => c.Achievement).HasMaxLength(FeedbackLimits.AchievementMaxLength);
        b.Property(c => c.CreatedBy).HasMaxLength(256);
        b.Property(c => c.UpdatedBy).HasMaxLength(256);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne(c => c.Agency).WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Activity).WithMany().HasForeignKey(c => c.ActivityId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(c => new { c.AgencyId, c.Date });
    }
}
