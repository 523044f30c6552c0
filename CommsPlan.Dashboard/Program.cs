using System.Globalization;
using CommsPlan.Core;
using CommsPlan.Core.Access;
using CommsPlan.Core.Data;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Dashboard.Endpoints;
using CommsPlan.Dashboard.Endpoints.Api;
using CommsPlan.Dashboard.Components;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Core.Common;
using CommsPlan.Core.Common.HeavyJobs;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

// `dotnet CommsPlan.Dashboard.dll restore <backup file>`: the README's restore step, with the app stopped.
var restoreFrom = args is ["restore", var backupFile] ? backupFile : null;
var builder = WebApplication.CreateBuilder(restoreFrom is null ? args : []);
builder.Configuration.UseRepositorySettings(builder.Environment);

var culture = CultureInfo.GetCultureInfo("vi-VN");
CultureInfo.DefaultThreadCurrentCulture = culture;
CultureInfo.DefaultThreadCurrentUICulture = culture;

builder.Services.AddRazorComponents().AddLimitedInteractiveServerComponents();
VietnameseMudLocalizer.AddTo(builder.Services);
// Each circuit counts its connection drops, so an editor never saves what the browser may not have sent (SaveGuard).
builder.Services.AddScoped<CircuitConnection>();
builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
DatabaseProvider provider;
string connectionString;
try
{
    provider = DatabaseSettings.ResolveProvider(builder.Configuration);
    connectionString = DatabaseSettings.ResolveConnectionString(builder.Configuration, builder.Environment, provider);
}
catch (Exception ex) when (ex is SettingsException or DatabaseStartupException)
{
    // A wrong setting stops the app with one line, like a database that cannot be opened.
    Console.Error.WriteLine(ex.Message);
    return 1;
}
if (restoreFrom is not null) return Backups.RestoreCommand(restoreFrom, connectionString, provider);
builder.Services.AddCommsPlanCore(connectionString, provider);
// Every setting group, bound and checked before the app starts serving (Hosting/Settings.cs).
builder.Services.AddCommsPlanSettings(builder.Environment);
// SQLite's backup files and their schedule; a PostgreSQL server is backed up with pg_dump by its operators.
builder.Services.AddCommsPlanMail();
if (provider == DatabaseProvider.Sqlite) builder.Services.AddCommsPlanBackups(connectionString);
try
{
    builder.Services.AddCommsPlanHardening(builder.Configuration);
}
catch (Exception ex) when (ex is SettingsException or KeyRingSettingsException)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
// All "today" logic reads this clock; the demo runs on a day in the middle of the plan's year.
builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<IOptions<DemoOptions>>().Value is { DemoData: true } demo
    ? new ShiftedTimeProvider(demo.DemoToday)
    : TimeProvider.System);

builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();
builder.Services.AddScoped<UserContext>();
builder.Services.AddScoped<PlanSelection>();
builder.Services.AddAuthentication(o =>
    {
        o.DefaultScheme = IdentityConstants.ApplicationScheme;
        o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
    })
    .AddIdentityCookies();
// /api/v1 authenticates with bearer tokens only (Endpoints/Api/ApiTokenAuthentication.cs).
builder.Services.AddAuthentication().AddApiTokens();
// The OpenAPI document of /api/v1 (Endpoints/Api/ApiDocument.cs).
builder.Services.AddCommsPlanOpenApi();
// Cookies and the antiforgery token are sent over HTTPS only, except in Development (plain http://localhost).
var cookieSecurity = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
builder.Services.AddSingleton<DatabaseTicketStore>();
builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
    .Configure<DatabaseTicketStore>((o, store) =>
    {
        // The cookie holds a session key; sign-out and an administrator's change end the session on the server.
        o.SessionStore = store;
        var validate = o.Events.OnValidatePrincipal;
        o.Events.OnValidatePrincipal = context => DatabaseTicketStore.KeepSessionClaimAsync(context, validate);
    });
builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = cookieSecurity);
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/Account/Login";
    o.AccessDeniedPath = "/Account/AccessDenied";
    o.Cookie.Name = "CommsPlan.Auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.Cookie.SecurePolicy = cookieSecurity;
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    o.SlidingExpiration = true;
    // /api/… answers 401 and 403 rather than redirecting a program to an HTML page.
    o.Events.UseStatusCodesForApi();
});
builder.Services.AddCommsPlanIdentity();
// Ended sessions are refused on the next request and open pages re-check at once (SessionAuthenticationStateProvider);
// a security stamp changed by any other path still reaches signed-in browsers within a minute, not Identity's default 30.
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
// Every page and endpoint needs a signed-in user unless it says [AllowAnonymous] (login, /healthz).
// Pages and endpoints name the role policy they need (Core/Access/Policies.cs).
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddCommsPlanPolicies()
    .AddApiPolicies();
// The database check tries a write (file or server alike); the backup file's age only where the app makes backups.
var health = builder.Services.AddHealthChecks().AddCheck<DatabaseWriteCheck>("database");
if (provider == DatabaseProvider.Sqlite) health.AddCheck<BackupHealthCheck>("backup");

var app = builder.Build();

try
{
    // A wrong setting stops the app with one line naming it, before the database is touched.
    Settings.Validate(app.Services);
    // Instances starting together against one PostgreSQL server take turns migrating and seeding.
    await using var startup = await app.LockDatabaseForStartupAsync();
    await app.InitializeDatabaseAsync();
    await app.SecureKeyRingAsync();
    await app.SeedAccountsAndDemoAsync();
}
catch (Exception ex) when (ex is SettingsException or DatabaseStartupException or BootstrapException)
{
    // One clear line, then stop: never a half-started app on a broken database or a wrong setting.
    app.Logger.LogCritical("{Reason}", ex.Message);
    return 1;
}

app.UseKnownReverseProxies();
app.UseSecurityHeaders();
app.UseCircuitOriginCheck();
if (!app.Environment.IsDevelopment())
{
    // The error page shows a request id, never the exception: details go to the log only.
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture(culture),
    SupportedCultures = [culture],
    SupportedUICultures = [culture],
});
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
// A password an administrator set is replaced before anything else (Hosting/ForcedPasswordChange.cs).
app.UseForcedPasswordChange();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthEndpoint();
app.MapAccountEndpoints();
app.MapActivityEndpoints();
app.MapAdministrationEndpoints();
app.MapReportEndpoints();
app.MapEvidenceEndpoints();
app.MapApiV1();
app.MapApiDocument();
app.MapApiReference();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
