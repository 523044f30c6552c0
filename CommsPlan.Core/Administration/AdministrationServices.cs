using CommsPlan.Core.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Core.Administration;

public static class AdministrationServices
{
    /// <summary>Agency administration and the audit history reader (their validators come with Core's assembly scan).</summary>
    public static IServiceCollection AddCommsPlanAdministration(this IServiceCollection services)
    {
        services.AddOptions();
        services.AddSingleton<AgencyAdminService>();
        services.AddSingleton<AuditService>();
        return services;
    }
}
