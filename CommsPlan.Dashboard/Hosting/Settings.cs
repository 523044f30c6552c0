using System.ComponentModel.DataAnnotations;
using System.Reflection;
using CommsPlan.Core.Common.HeavyJobs;
using CommsPlan.Core.Data;
using CommsPlan.Core.Data.Backups;
using CommsPlan.Core.Evidence;
using CommsPlan.Core.Mail;
using CommsPlan.Core.ReportingCycle;
using Microsoft.Extensions.Options;

namespace CommsPlan.Dashboard.Hosting;

/// <summary>
/// Every setting group of appsettings.json (the README's configuration table) is one options class, bound here with
/// <c>AddOptions&lt;T&gt;().BindConfiguration(…).ValidateOnStart()</c> and checked by its DataAnnotations (and
/// <see cref="IValidatableObject"/>), so a bad value stops the start with one line naming the setting:
/// "Backup:IntervalHours must be from 0 to 8760 hours (0 turns the schedule off)." The rest of the app reads settings
/// through <see cref="IOptions{TOptions}"/> only.
/// </summary>
internal static class Settings
{
    /// <summary>Registers every group; <see cref="Validate"/> checks them all before the app touches the database.</summary>
    public static IServiceCollection AddCommsPlanSettings(this IServiceCollection services, IWebHostEnvironment environment)
    {
        services.AddSettings<DatabaseOptions>(DatabaseOptions.Section);
        services.AddSettings<DemoOptions>(DemoOptions.Section);
        services.AddSettings<BootstrapOptions>(BootstrapOptions.Section);
        services.AddSettings<ReportingOptions>(ReportingOptions.Section);
        services.AddSettings<BackupOptions>(BackupOptions.Section)
            // A relative folder is taken from the content root, so the app finds the same folder whatever it was started from.
            .PostConfigure(o =>
            {
                if (!string.IsNullOrWhiteSpace(o.Directory)) o.Directory = Path.Combine(environment.ContentRootPath, o.Directory);
            });
        services.AddSettings<HeavyJobLimits>(HeavyJobLimits.Section);
        services.AddSettings<RateLimitOptions>(RateLimitOptions.Section);
        services.AddSettings<ApiOptions>(ApiOptions.Section);
        services.AddSettings<ReverseProxyOptions>(ReverseProxyOptions.Section);
        services.AddSettings<HostingOptions>(HostingOptions.Section);
        services.AddSettings<KeyRingSettings>(KeyRingSettings.Section);
        services.AddSettings<MailOptions>(MailOptions.Section);
        services.AddSettings<EvidenceOptions>(EvidenceOptions.Section);
        return services;
    }

    /// <summary>
    /// A group the host needs while it registers services (the engine, the key ring), before there is a container to
    /// ask: bound and checked now, by the same rules and with the same message as at start.
    /// </summary>
    /// <exception cref="SettingsException">A value cannot be read as its type or breaks its rule.</exception>
    public static T Read<T>(IConfiguration configuration, string section) where T : class, new()
    {
        var value = new T();
        try
        {
            configuration.GetSection(section).Bind(value);
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the value it could not convert.
            throw new SettingsException(ex.Message, ex);
        }
        CommaLists.Apply(value, configuration.GetSection(section));
        var failures = SettingsValidator<T>.Failures(section, value);
        return failures.Count == 0 ? value : throw new SettingsException(string.Join(" ", failures));
    }

    /// <summary>Checks every group now (<see cref="IStartupValidator"/>), as one line per start.</summary>
    /// <exception cref="SettingsException">A value cannot be read as its type or breaks its rule.</exception>
    public static void Validate(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException ex)
        {
            throw new SettingsException(string.Join(" ", ex.Failures), ex);
        }
        catch (AggregateException ex)
        {
            throw new SettingsException(string.Join(" ", ex.InnerExceptions.SelectMany(e => e is OptionsValidationException o ? o.Failures : [e.Message])), ex);
        }
        catch (InvalidOperationException ex)
        {
            // Only options are created here: the binder could not convert a value, and its message names the key.
            throw new SettingsException(ex.Message, ex);
        }
    }

    private static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section) where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SettingsValidator<T>(section));
        return services.AddOptions<T>()
            .BindConfiguration(section)
            .Configure<IConfiguration>((o, configuration) => CommaLists.Apply(o, configuration.GetSection(section)))
            .ValidateOnStart();
    }

    /// <summary>A group's DataAnnotations, each failure as "Section:Key message.".</summary>
    private sealed class SettingsValidator<T>(string section) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = Failures(section, options);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        public static List<string> Failures(string section, T options)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
            return [.. results.Select(r => $"{section}:{string.Join(", ", r.MemberNames)} {r.ErrorMessage}.")];
        }
    }

    /// <summary>
    /// A list setting may also be given as one comma-separated value (<c>ReverseProxy:KnownProxies=10.0.0.5,10.0.0.6</c>)
    /// besides the list form (<c>ReverseProxy__KnownProxies__0=10.0.0.5</c>), which is all the binder reads.
    /// </summary>
    private static class CommaLists
    {
        public static void Apply(object options, IConfigurationSection section)
        {
            foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.PropertyType != typeof(List<string>) || !property.CanWrite) continue;
                var setting = section.GetSection(property.Name);
                if (setting.Value is not { } single || setting.GetChildren().Any()) continue;
                property.SetValue(options, single.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList());
            }
        }
    }
}

/// <summary>A setting the app cannot start with; the message is one line that names it.</summary>
internal sealed class SettingsException(string message, Exception? inner = null) : Exception(message, inner);
