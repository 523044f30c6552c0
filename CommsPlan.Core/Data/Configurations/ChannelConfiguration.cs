using CommsPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

public sealed class ChannelConfiguration : IEntityTypeConfiguration<Channel>
{
    public void Configure(EntityTypeBuilder<Channel> b)
    {
        // A code names one channel within its plan's form group; next year's copy reuses the codes (the plan editor
        // keeps them unique across the plan's groups).
        b.HasIndex(c => new { c.FormGroupId, c.Code }).IsUnique();
        b.Property(c => c.Code).HasMaxLength(16);
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Unit).HasMaxLength(64);
        b.Property(c => c.SecondMeasureLabel).HasMaxLength(100);
        b.Property(c => c.SecondMeasureUnit).HasMaxLength(64);
        b.HasOne(c => c.FormGroup).WithMany(g => g.Channels).HasForeignKey(c => c.FormGroupId);
        b.Ignore(c => c.HasSecondMeasure);
    }
}
