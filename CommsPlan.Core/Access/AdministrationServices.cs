using CommsPlan.Core.Agencies;
using CommsPlan.Core.Auditing;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Core.Access;

public static class AdministrationServices
{
    /// <summary>Agency administration, the audit history reader and the validators of the administration forms.</summary>
    public static IServiceCollection AddCommsPlanAdministration(this IServiceCollection services)
    {
        services.AddOptions();
        services.AddSingleton<AgencyAdminService>();
        services.AddSingleton<AuditService>();
        services.AddSingleton<IValidator<NewUserInput>, NewUserInputValidator>();
        services.AddSingleton<IValidator<UserEditInput>, UserEditInputValidator>();
        services.AddSingleton<IValidator<PasswordResetInput>, PasswordResetInputValidator>();
        services.AddSingleton<IValidator<NewAgencyInput>, NewAgencyInputValidator>();
        services.AddSingleton<IValidator<AgencyEditInput>, AgencyEditInputValidator>();
        services.AddSingleton<IValidator<AgencyMergeInput>, AgencyMergeInputValidator>();
        return services;
    }
}
