using System.Globalization;
using CommsPlan.Core;
using CommsPlan.Core.Data;
using CommsPlan.Dashboard;
using CommsPlan.Dashboard.Components;
using CommsPlan.Dashboard.Endpoints;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.UseRepositorySettings(builder.Environment);

var culture = CultureInfo.GetCultureInfo("vi-VN");
CultureInfo.DefaultThreadCurrentCulture = culture;
CultureInfo.DefaultThreadCurrentUICulture = culture;

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddCommsPlanCore(DatabaseSettings.ResolveConnectionString(builder.Configuration, builder.Environment));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHealthChecks().AddDbContextCheck<CommsPlanDbContext>("database");

var app = builder.Build();

try
{
    await app.InitializeDatabaseAsync();
}
catch (DatabaseStartupException ex)
{
    // One clear line, then stop: never a half-started app on a broken database.
    app.Logger.LogCritical("{Reason}", ex.Message);
    return 1;
}

if (!app.Environment.IsDevelopment())
{
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
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthEndpoint();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();
return 0;

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
