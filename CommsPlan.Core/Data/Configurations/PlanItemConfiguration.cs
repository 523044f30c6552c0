using CommsPlan.Core.Plans;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

internal static class PlanItemConfiguration
{
    /// <summary>The shape every coded catalogue entry shares: a code unique within its plan, bounded texts.</summary>
    public static void ConfigurePlanItem<T>(this EntityTypeBuilder<T> b) where T : PlanItem
    {
        b.HasIndex(i => new { i.PlanId, i.Code }).IsUnique();
        b.Property(i => i.Code).HasMaxLength(16);
        b.Property(i => i.DisplayCode).HasMaxLength(16);
        b.Property(i => i.ShortName).HasMaxLength(200);
        b.Property(i => i.Text).HasMaxLength(4000);
    }
}
