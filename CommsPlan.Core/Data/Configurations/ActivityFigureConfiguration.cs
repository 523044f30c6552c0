using CommsPlan.Core.Activities.Figures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

// The keys lead with (Grain, Day): a period reads one range of month rows and up to two ranges of day rows. No foreign
// keys: the rows are derived data, rebuilt from the activities, and agencies, channels and tags are never deleted.

public sealed class ActivityFigureConfiguration : IEntityTypeConfiguration<ActivityFigure>
{
    public void Configure(EntityTypeBuilder<ActivityFigure> b)
    {
        b.HasKey(f => new { f.Grain, f.Day, f.AgencyId, f.ChannelId });
        // The last activity of each agency: one backward seek per agency instead of a scan of its days.
        b.HasIndex(f => new { f.Grain, f.AgencyId, f.Day, f.Activities });
    }
}

public sealed class ActivityObjectiveFigureConfiguration : IEntityTypeConfiguration<ActivityObjectiveFigure>
{
    public void Configure(EntityTypeBuilder<ActivityObjectiveFigure> b) =>
        b.HasKey(f => new { f.Grain, f.Day, f.AgencyId, f.ObjectiveId });
}

public sealed class ActivityThemeFigureConfiguration : IEntityTypeConfiguration<ActivityThemeFigure>
{
    public void Configure(EntityTypeBuilder<ActivityThemeFigure> b) =>
        b.HasKey(f => new { f.Grain, f.Day, f.AgencyId, f.ChannelId, f.ThemeId });
}
