using CommsPlan.Core;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Reliability;

/// <summary>Core exactly as the app registers it (interceptors, busy wait, pooling) on a test database file.</summary>
internal static class ReliabilityServices
{
    public static ServiceProvider For(string databaseFile)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(new DateOnly(2021, 10, 20)));
        services.AddCommsPlanCore($"Data Source={databaseFile};Pooling=True");
        return services.BuildServiceProvider();
    }

    public static IDbContextFactory<CommsPlanDbContext> Factory(this IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>();

    /// <summary>The repository's root (the folder of CommsPlan.sln), found from the test output.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommsPlan.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CommsPlan.sln not found above the test output.");
    }

    /// <summary>The build configuration of this test run ("Debug" or "Release"): the folder above bin/*/net10.0.</summary>
    public static string Configuration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The built output of a project of the solution, in this run's configuration.</summary>
    public static string Output(string projectFolder, string assembly) =>
        Path.Combine(RepositoryRoot(), projectFolder, "bin", Configuration(), "net10.0", assembly);
}
