using CommsPlan.Core.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

public sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> b)
    {
        b.HasIndex(d => d.Code).IsUnique();
        b.Property(d => d.Code).HasMaxLength(32);
        b.Property(d => d.Name).HasMaxLength(200);
    }
}
