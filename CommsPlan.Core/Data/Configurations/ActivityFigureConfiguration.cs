using CommsPlan.Core.Activities.Figures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

// The keys lead with (Grain, Day): a period reads one range of month rows and up to two ranges of day rows. Each table
// also has that key with its counts as a covering index: on SQLite a rowid table's key is a separate index, and reading
// the counts from the table row by row instead was markedly slower. No foreign keys: the rows are derived data, rebuilt
// from the activities, and
// agencies, channels and tags are never deleted.

public sealed class ActivityFigureConfiguration : IEntityTypeConfiguration<ActivityFigure>
{
    public void Configure(EntityTypeBuilder<ActivityFigure> b)
    {
        b.HasKey(f => new { f.Grain, f.Day, f.AgencyId, f.ChannelId });
        b.HasIndex(f => new { f.Grain, f.Day, f.AgencyId, f.ChannelId, f.Activities, f.Quantity, f.SecondMeasure, f.Cost })
            .HasDatabaseName("IX_ActivityFigures_Covering");
        // The last activity of each agency: one backward seek per agency instead of a scan of its days.
        b.HasIndex(f => new { f.Grain, f.AgencyId, f.Day, f.Activities });
    }
}

public sealed class ActivityObjectiveFigureConfiguration : IEntityTypeConfiguration<ActivityObjectiveFigure>
{
    public void Configure(EntityTypeBuilder<ActivityObjectiveFigure> b)
    {
        b.HasKey(f => new { f.Grain, f.Day, f.AgencyId, f.ObjectiveId });
        b.HasIndex(f => new { f.Grain, f.Day, f.AgencyId, f.ObjectiveId, f.Activities }).HasDatabaseName("IX_ActivityObjectiveFigures_Covering");
    }
}

public sealed class ActivityThemeFigureConfiguration : IEntityTypeConfiguration<ActivityThemeFigure>
{
    public void Configure(EntityTypeBuilder<ActivityThemeFigure> b)
    {
        b.HasKey(f => new { f.Grain, f.Day, f.AgencyId, f.ChannelId, f.ThemeId });
        b.HasIndex(f => new { f.Grain, f.Day, f.AgencyId, f.ChannelId, f.ThemeId, f.Activities }).HasDatabaseName("IX_ActivityThemeFigures_Covering");
    }
}
