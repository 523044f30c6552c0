using CommsPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

public sealed class ContentThemeConfiguration : IEntityTypeConfiguration<ContentTheme>
{
    public void Configure(EntityTypeBuilder<ContentTheme> b) => b.ConfigurePlanItem();
}
