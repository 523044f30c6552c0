using Microsoft.Extensions.FileProviders;

namespace CommsPlan.Dashboard.Hosting;

internal static class RepositorySettings
{
    /// <summary>
    /// The shared appsettings.json lives at the repository root and is linked into the build output. When the
    /// content root (the project folder under `dotnet run`) has no copy, read it from the output folder instead,
    /// keeping its place in the order of sources (before appsettings.{Environment}.json and the environment).
    /// </summary>
    public static void UseRepositorySettings(this ConfigurationManager configuration, IWebHostEnvironment environment)
    {
        if (File.Exists(Path.Combine(environment.ContentRootPath, "appsettings.json"))) return;
        var output = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(output)) return;
        var sources = (IList<IConfigurationSource>)configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path: "appsettings.json" } json)
            {
                json.FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory);
                json.Optional = false;
                // Sources are read when the manager is told they changed: rebuild from this one on.
                sources.RemoveAt(i);
                sources.Insert(i, json);
                return;
            }
        }
    }
}
