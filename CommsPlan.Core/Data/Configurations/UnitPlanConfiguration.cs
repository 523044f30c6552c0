using CommsPlan.Core.UnitPlans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

public sealed class UnitPlanConfiguration : IEntityTypeConfiguration<UnitPlan>
{
    public void Configure(EntityTypeBuilder<UnitPlan> b)
    {
        // One unit plan per agency and provincial plan.
        b.HasIndex(u => new { u.PlanId, u.AgencyId }).IsUnique();
        b.Property(u => u.DocumentNumber).HasMaxLength(UnitPlanLimits.DocumentNumberMaxLength);
        b.Property(u => u.Link).HasMaxLength(UnitPlanLimits.LinkMaxLength);
        b.Property(u => u.Notes).HasMaxLength(UnitPlanLimits.NotesMaxLength);
        b.Property(u => u.CreatedBy).HasMaxLength(256);
        b.Property(u => u.UpdatedBy).HasMaxLength(256);
        b.Property(u => u.EnteredOnBehalfBy).HasMaxLength(256);
        b.Property(u => u.Version).IsConcurrencyToken();
        b.HasOne<Plans.Plan>().WithMany().HasForeignKey(u => u.PlanId);
        b.HasOne(u => u.Agency).WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(u => u.Targets).WithOne().HasForeignKey(t => t.UnitPlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
