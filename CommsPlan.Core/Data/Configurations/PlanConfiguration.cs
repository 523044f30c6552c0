using CommsPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

public sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => p.Number).IsUnique();
        // One plan a year: the year is what ?plan= and the comparison pages name a plan by.
        b.HasIndex(p => p.Year).IsUnique();
        b.Property(p => p.Number).HasMaxLength(64);
        b.Property(p => p.Title).HasMaxLength(1000);
        b.Property(p => p.Issuer).HasMaxLength(200);
        b.Property(p => p.IssuePlace).HasMaxLength(100);
        b.Property(p => p.SignerTitle).HasMaxLength(200);
        b.Property(p => p.Signer).HasMaxLength(200);
        b.Property(p => p.Preamble).HasMaxLength(4000);
        b.Property(p => p.FundingText).HasMaxLength(2000);
        b.Property(p => p.FeedbackText).HasMaxLength(2000);
        b.HasMany(p => p.Objectives).WithOne().HasForeignKey(o => o.PlanId);
        b.HasMany(p => p.Requirements).WithOne().HasForeignKey(o => o.PlanId);
        b.HasMany(p => p.Themes).WithOne().HasForeignKey(o => o.PlanId);
        b.HasMany(p => p.FormGroups).WithOne().HasForeignKey(o => o.PlanId);
        b.HasMany(p => p.Assignments).WithOne().HasForeignKey(o => o.PlanId);
    }
}
