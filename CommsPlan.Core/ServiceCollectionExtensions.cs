using CommsPlan.Core.Data;
using CommsPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>The data layer and the use-case services, on SQLite.</summary>
    public static IServiceCollection AddCommsPlanCore(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextFactory<CommsPlanDbContext>(o => o.UseSqlite(connectionString));
        services.AddSingleton<PlanService>();
        return services;
    }
}
