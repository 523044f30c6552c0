using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Activities.Figures;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.Plans;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Data;

public class CommsPlanDbContext(DbContextOptions<CommsPlanDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<Objective> Objectives => Set<Objective>();
    public DbSet<Requirement> Requirements => Set<Requirement>();
    public DbSet<ContentTheme> Themes => Set<ContentTheme>();
    public DbSet<FormGroup> FormGroups => Set<FormGroup>();
    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<District> Districts => Set<District>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<UnitPlan> UnitPlans => Set<UnitPlan>();
    public DbSet<UnitPlanTarget> UnitPlanTargets => Set<UnitPlanTarget>();
    public DbSet<Commendation> Commendations => Set<Commendation>();
    public DbSet<Difficulty> Difficulties => Set<Difficulty>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<PeriodReport> PeriodReports => Set<PeriodReport>();

    /// <summary>Mail waiting to be sent, and what was sent (docs/decisions/0017-mail-outbox.md).</summary>
    public DbSet<Mail.OutboxMail> OutboxMails => Set<Mail.OutboxMail>();

    /// <summary>The report's sections as their authors edited them, per plan, period and scope.</summary>
    public DbSet<Reports.ReportText> ReportTexts => Set<Reports.ReportText>();

    /// <summary>Signed-in browsers (the cookie holds only a key) and failed sign-ins per user name and address.</summary>
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();

    /// <summary>Pre-aggregated figures of the activities, maintained by every save (see <see cref="CommsPlan.Core.Activities.Figures.ActivityFigures"/>).</summary>
    public DbSet<ActivityFigure> ActivityFigures => Set<ActivityFigure>();
    public DbSet<ActivityObjectiveFigure> ActivityObjectiveFigures => Set<ActivityObjectiveFigure>();
    public DbSet<ActivityThemeFigure> ActivityThemeFigures => Set<ActivityThemeFigure>();

    /// <summary>ASP.NET Core Data Protection's key ring: kept with the data, so cookies outlive a restart or a new machine.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Who this context saves for; set by <see cref="DbContextFactoryExtensions.CreateForAsync"/>.</summary>
    public CurrentUser Actor { get; set; } = CurrentUser.System;

    /// <summary>The clock stamps are taken from (the demo and tests set it).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CommsPlanDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their names: readable in the file and stable across reordering.
        configurationBuilder.Properties<AgencyKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AgencyKinds>().HaveConversion<string>().HaveMaxLength(128);
        configurationBuilder.Properties<CommendationKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DifficultyStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<AuditAction>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Mail.MailKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<Mail.MailKinds>().HaveConversion<string>().HaveMaxLength(160);
        configurationBuilder.Properties<Mail.MailStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DocumentStyle>().HaveConversion<string>().HaveMaxLength(16);
    }

    // Every save that touches activities or their tags also moves the pre-aggregated figures, in its transaction: the
    // one place that cannot be forgotten by a new writer (see PendingFigureChanges).

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampChanges();
        var figures = PendingFigureChanges.Capture(this);
        if (figures is null) return base.SaveChanges(acceptAllChangesOnSuccess);
        return figures.SaveAsync(this, () => Task.FromResult(base.SaveChanges(acceptAllChangesOnSuccess)), CancellationToken.None)
            .GetAwaiter().GetResult();
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampChanges();
        var figures = PendingFigureChanges.Capture(this);
        if (figures is null) return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        return figures.SaveAsync(this, () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Every modified versioned entity gets a new token, so a concurrent edit of the old one fails; tracked
    /// entities record who created and last changed them, and when.
    /// </summary>
    private void StampChanges()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
                entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
            else if (entry.State == EntityState.Added && entry.Entity.Version == 0)
                entry.Entity.Version = 1;
        }
        var now = Time.GetUtcNow().UtcDateTime;
        foreach (var entry in ChangeTracker.Entries<ITracked>())
        {
            if (entry.State == EntityState.Added) StampCreated(entry.Entity, now);
            else if (entry.State == EntityState.Modified)
            {
                entry.Entity.UpdatedBy = Actor.UserName;
                entry.Entity.UpdatedAt = now;
            }
        }
    }

    /// <summary>The stamps of a new row, for writers that insert without the change tracker (the import): as a save gives them.</summary>
    internal void StampNew(object entity, DateTime now)
    {
        if (entity is IVersioned { Version: 0 } versioned) versioned.Version = 1;
        if (entity is ITracked tracked) StampCreated(tracked, now);
    }

    private void StampCreated(ITracked entity, DateTime now)
    {
        if (string.IsNullOrEmpty(entity.CreatedBy)) entity.CreatedBy = Actor.UserName;
        if (entity.CreatedAt == default) entity.CreatedAt = now;
        if (string.IsNullOrEmpty(entity.UpdatedBy)) entity.UpdatedBy = entity.CreatedBy;
        if (entity.UpdatedAt == default) entity.UpdatedAt = entity.CreatedAt;
    }
}
