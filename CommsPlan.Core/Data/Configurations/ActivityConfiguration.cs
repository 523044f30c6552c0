using CommsPlan.Core.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

public sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.Property(a => a.Title).HasMaxLength(ActivityLimits.TitleMaxLength);
        b.Property(a => a.Description).HasMaxLength(ActivityLimits.DescriptionMaxLength);
        b.Property(a => a.EvidenceUrl).HasMaxLength(ActivityLimits.UrlMaxLength);
        b.Property(a => a.FundingSource).HasMaxLength(ActivityLimits.FundingSourceMaxLength);
        b.Property(a => a.Notes).HasMaxLength(ActivityLimits.NotesMaxLength);
        b.Property(a => a.CreatedBy).HasMaxLength(256);
        b.Property(a => a.UpdatedBy).HasMaxLength(256);
        b.Property(a => a.EnteredOnBehalfBy).HasMaxLength(256);
        b.Property(a => a.ExternalId).HasMaxLength(ActivityLimits.ExternalIdMaxLength);
        // One activity per external id and agency; activities entered in the app have none (NULLs never collide).
        b.HasIndex(a => new { a.AgencyId, a.ExternalId }).IsUnique();
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne(a => a.Agency).WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Channel).WithMany().HasForeignKey(a => a.ChannelId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.District).WithMany().HasForeignKey(a => a.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Objectives).WithMany().UsingEntity("ActivityObjectives");
        b.HasMany(a => a.Themes).WithMany().UsingEntity("ActivityThemes");
        // The monitoring queries filter by period and scope by agency.
        b.HasIndex(a => a.StartDate);
        // The overview's agency × channel figures read only these columns: in GROUP BY order and covering, so a
        // period is a skip-scan of this index, with no lookup into the table per activity (plans in docs/performance.md).
        b.HasIndex(a => new { a.AgencyId, a.ChannelId, a.StartDate, a.Quantity, a.SecondMeasure, a.Cost })
            .HasDatabaseName("IX_Activities_Period_Figures");
        b.HasIndex(a => new { a.AgencyId, a.StartDate });
        b.HasIndex(a => new { a.ChannelId, a.StartDate });
    }
}
