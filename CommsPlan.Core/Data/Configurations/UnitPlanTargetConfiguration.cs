using CommsPlan.Core.UnitPlans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

public sealed class UnitPlanTargetConfiguration : IEntityTypeConfiguration<UnitPlanTarget>
{
    public void Configure(EntityTypeBuilder<UnitPlanTarget> b)
    {
        b.HasIndex(t => new { t.UnitPlanId, t.ChannelId }).IsUnique();
        b.HasOne(t => t.Channel).WithMany().HasForeignKey(t => t.ChannelId).OnDelete(DeleteBehavior.Restrict);
    }
}
