using CommsPlan.Core.Agencies;
using CommsPlan.Core.Auditing;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Core.Access;

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
