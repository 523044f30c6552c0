using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Activities.Figures;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.Plans;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Data;

/// <summary>
/// The model and one unit of work. Every save goes through the write path that <see cref="CommsPlanOptions.UseCommsPlan"/>
/// registers (<see cref="Writing.WriteInterceptor"/>): a context whose options lack it cannot be constructed.
/// </summary>
public class CommsPlanDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    /// <exception cref="InvalidOperationException">The options were not configured by <see cref="CommsPlanOptions.UseCommsPlan"/>.</exception>
    public CommsPlanDbContext(DbContextOptions<CommsPlanDbContext> options) : base(options)
    {
        var settings = options.FindExtension<CommsPlanOptionsExtension>() ?? throw new InvalidOperationException(
            "A CommsPlanDbContext is configured with UseCommsPlan(...), which registers the write path (stamps, versions, search keys, "
            + "figures, audit) and the failure mapping; these options were built without it.");
        Time = settings.Time;
    }

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
    public DbSet<Evidence.EvidenceFile> EvidenceFiles => Set<Evidence.EvidenceFile>();

    /// <summary>The bytes of evidence files, apart from their list data: only a download reads this table.</summary>
    public DbSet<Evidence.EvidenceContent> EvidenceContents => Set<Evidence.EvidenceContent>();
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
    public DbSet<Api.ApiToken> ApiTokens => Set<Api.ApiToken>();
    public DbSet<Api.IdempotencyRecord> IdempotencyRecords => Set<Api.IdempotencyRecord>();

    /// <summary>Who this context saves for; set by <see cref="DbContextFactoryExtensions.CreateForAsync"/>.</summary>
    public CurrentUser Actor { get; set; } = CurrentUser.System;

    /// <summary>The clock stamps and history are taken from: the one given to UseCommsPlan unless set (the demo and tests set it).</summary>
    public TimeProvider Time { get; set; }

    /// <summary>The save in progress, between the write path's two phases (see <see cref="Writing.WritePipeline"/>).</summary>
    internal Writing.PendingWrite? PendingWrite { get; set; }

    /// <summary>
    /// How many evidence files each of <paramref name="activityIds"/> has (absent: none), one grouped query. Here so that
    /// the activities' lists can show it without the Activities feature depending on Evidence, which depends on it.
    /// </summary>
    internal async Task<Dictionary<int, int>> EvidenceCountsAsync(IReadOnlyCollection<int> activityIds, CancellationToken ct)
    {
        if (activityIds.Count == 0) return [];
        return await EvidenceFiles.AsNoTracking()
            .Where(f => f.ActivityId != null && activityIds.Contains(f.ActivityId.Value))
            .GroupBy(f => f.ActivityId!.Value)
            .Select(g => new { ActivityId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ActivityId, g => g.Count, ct);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CommsPlanDbContext).Assembly);
        DatabaseProviders.IndexSearchKeys(builder, Database);
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
        configurationBuilder.Properties<Evidence.EvidenceKind>().HaveConversion<string>().HaveMaxLength(16);
    }
}
