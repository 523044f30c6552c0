using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Activities.Import;
using CommsPlan.Core.Administration;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Changes;
using CommsPlan.Core.Common.HeavyJobs;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.Monitoring;
using CommsPlan.Core.Plans;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommsPlan.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>The data layer and the use-case services, on <paramref name="provider"/> (SQLite unless told).</summary>
    public static IServiceCollection AddCommsPlanCore(this IServiceCollection services, string connectionString,
        DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        // Which engine and where, for the host (the health endpoint names the engine).
        services.AddSingleton(new CommsPlanDatabase(provider, connectionString));
        // The host binds and checks the "Database" section (Database:BusyTimeoutSeconds); without it, the defaults.
        services.AddOptions<DatabaseOptions>();
        // Every context writes through the one write path (stamps, versions, figures, audit), maps a busy, read-only or
        // unreachable database to the same Core exception and, on SQLite, waits when busy and syncs every commit.
        services.AddDbContextFactory<CommsPlanDbContext>((sp, o) => o.UseCommsPlan(provider, connectionString,
            sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.BusyTimeoutSeconds));
        // Contexts of the engine's own type, so each provider finds its own migrations.
        services.Replace(ServiceDescriptor.Singleton<IDbContextFactory<CommsPlanDbContext>>(sp =>
            new CommsPlanDbContextFactory(sp.GetRequiredService<DbContextOptions<CommsPlanDbContext>>(), provider)));
        // The host may register its own clock (the demo's shifted "today", a test's fixed one); this is the fallback.
        services.TryAddSingleton(TimeProvider.System);
        // Identity's stores save through the scoped context (sign-in lockouts, seeded accounts); it carries the app's
        // clock from UseCommsPlan, so its stamps and history read the same time as every other save.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>().CreateDbContext());
        services.AddSingleton<PlanService>();
        services.AddSingleton<Api.ApiTokenService>();
        services.AddSingleton<Api.IdempotencyService>();
        services.AddSingleton<Api.ActivityApiService>();
        services.AddSingleton<PlanAuthoring.PlanEditingService>();
        // One notifier per app instance: every page and every service of the instance share it. On PostgreSQL several
        // instances may share the database, so the notifier also carries changes between them (LISTEN/NOTIFY); the host
        // starts and stops its listener.
        if (provider == DatabaseProvider.PostgreSQL)
        {
            services.AddSingleton(sp => new PostgresDataChangeNotifier(connectionString, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>()));
            services.AddSingleton<IDataChangeNotifier>(sp => sp.GetRequiredService<PostgresDataChangeNotifier>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresDataChangeNotifier>());
        }
        else
        {
            services.AddSingleton<InProcessDataChangeNotifier>();
            services.AddSingleton<IDataChangeNotifier>(sp => sp.GetRequiredService<InProcessDataChangeNotifier>());
        }
        // Ended sessions travel on a notifier of their own (on PostgreSQL its own channel), so they never refresh overviews.
        services.TryAddSingleton(AccessClock.System);
        services.AddSingleton<UserSessions>();
        services.AddSingleton(sp => new SessionRevocations(provider == DatabaseProvider.PostgreSQL
            ? new PostgresDataChangeNotifier(connectionString, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>(), SessionRevocations.ChannelName)
            : new InProcessDataChangeNotifier(sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<InProcessDataChangeNotifier>>())));
        services.AddHostedService(sp => sp.GetRequiredService<SessionRevocations>());
        // Whatever notifier the host registers: when it counts changes, concurrent identical overviews share one computation.
        services.AddSingleton(sp => (sp.GetRequiredService<IDataChangeNotifier>() as IDataVersion)!);
        services.AddSingleton<OverviewService>();
        services.AddSingleton<AgencyDetailService>();
        // The reporting cycle locks the activities of a period whose report is in; activity writes ask it.
        services.AddSingleton<IActivityLock, PeriodLock>();
        services.AddSingleton<ActivityService>();
        services.AddSingleton<ActivityImporter>();
        // Unit plans, commendations and difficulties: stateless, one DbContext per call, so singletons.
        services.AddSingleton<UnitPlanService>();
        services.AddSingleton<CommendationService>();
        services.AddOptions<Evidence.EvidenceOptions>();
        services.AddSingleton<Evidence.EvidenceService>();
        services.AddSingleton<DifficultyService>();
        // The reporting cycle; its due days come from the host's "Reporting" section when it binds one (the Dashboard does).
        services.AddOptions<ReportingOptions>();
        services.AddSingleton<PeriodReportService>();
        // Validators whose rules need no data. Those that do are built on a snapshot of it by their service, once per
        // save, and a form asks the service's CreateValidatorAsync: one import checks 10,000 rows against one snapshot.
        // ApiTokenService holds its own validator (ApiTokenService.Validator), which reads the database on each check.
        Type[] builtOnData = [typeof(ActivityInputValidator), typeof(UnitPlanInputValidator), typeof(CommendationInputValidator),
            typeof(Api.ApiTokenInputValidator)];
        services.AddValidatorsFromAssemblyContaining<ActivityService>(ServiceLifetime.Singleton,
            filter: r => !builtOnData.Contains(r.ValidatorType));
        services.AddCommsPlanAdministration();
        // The consolidated report reads the monitoring figures; no state of its own.
        services.AddSingleton<Compare.CompareService>();
        services.AddSingleton<Reports.ConsolidatedReportBuilder>();
        services.AddSingleton<Reports.ActivityListExport>();
        services.AddSingleton<Reports.ReportDocumentBuilder>();
        // What /api/v1 reads beyond the pages' services: the agencies a caller reads, the period's indicators.
        services.AddSingleton<AgencyDirectory>();
        services.AddSingleton<Api.IndicatorService>();
        // The outbox's view for administrators; the host binds and checks "Mail" and runs the sender (without settings mail is off).
        services.AddOptions<Mail.MailOptions>();
        services.AddSingleton<Mail.OutboxStatus>();
        services.AddSingleton<Notifications.UrgingService>();
        services.AddSingleton<Notifications.MailReminderService>();
        services.AddSingleton<Notifications.MailPreferenceService>();
        // One gate for heavy work on this server; the host binds and checks the "Limits" section, without it the defaults.
        services.AddOptions<HeavyJobLimits>();
        services.AddSingleton<HeavyJobLimiter>();
        return services;
    }

    /// <summary>ASP.NET Core Identity on the same database: sign-in rules of CommsPlan.</summary>
    public static IdentityBuilder AddCommsPlanIdentity(this IServiceCollection services)
    {
        services.AddScoped<AccountSeeder>();
        services.AddSingleton<UserAdminService>();
        services.AddSingleton<AccountImportService>();
        services.AddSingleton<OneTimeDownloads>();
        services.AddSingleton<PasswordChangeService>();
        services.AddScoped<SignInGuard>();
        return services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = PasswordRules.MinLength;
                // Counted by SignInGuard per user name and client address; Identity's own per-account counter is not
                // used, since anyone could trip it for any account.
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CommsPlanDbContext>()
            .AddClaimsPrincipalFactory<AppUserClaimsPrincipalFactory>()
            .AddErrorDescriber<VietnameseIdentityErrorDescriber>()
            .AddPasswordValidator<CommsPlanPasswordValidator>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
    }
}
