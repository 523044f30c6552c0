using CommsPlan.Core.Access;
using CommsPlan.Core.Auditing;
using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>The data layer and the use-case services, on SQLite.</summary>
    public static IServiceCollection AddCommsPlanCore(this IServiceCollection services, string connectionString)
    {
        // Every save of every context is audited, whoever makes it: one interceptor, shared (it keeps no state between saves).
        var audit = new AuditInterceptor();
        services.AddDbContextFactory<CommsPlanDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(audit));
        // Identity's stores save through the scoped context (sign-in lockouts, seeded accounts): give it the app's clock,
        // so its stamps and history read the same time as every other save.
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>().CreateDbContext();
            db.Time = sp.GetService<TimeProvider>() ?? TimeProvider.System;
            return db;
        });
        services.AddSingleton<PlanService>();
        services.AddCommsPlanAdministration();
        return services;
    }

    /// <summary>ASP.NET Core Identity on the same database: sign-in rules of CommsPlan.</summary>
    public static IdentityBuilder AddCommsPlanIdentity(this IServiceCollection services)
    {
        services.AddScoped<AccountSeeder>();
        services.AddSingleton<UserAdminService>();
        return services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
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
            .AddSignInManager()
            .AddDefaultTokenProviders();
    }
}
