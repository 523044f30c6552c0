using CommsPlan.Core.Data.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Core.Data;

/// <summary>
/// The one way to configure a <see cref="CommsPlanDbContext"/>: the app (<c>AddCommsPlanCore</c>), the tests'
/// databases, the benchmarks and the design-time tools all call <see cref="UseCommsPlan"/>, so every context they open
/// writes through the same rules (docs/decisions/0014-one-write-path.md). A context configured any other way refuses
/// to be constructed.
/// </summary>
public static class CommsPlanOptions
{
    /// <summary>
    /// Points the options at the engine and registers everything a CommsPlan context needs:
    /// <list type="bullet">
    /// <item>the write path (<see cref="WriteInterceptor"/>): stamps, versions, search keys, the activities'
    /// pre-aggregated figures and the audit history, in the transaction of each save;</item>
    /// <item>the mapping of "not now" failures to <see cref="Common.DatabaseUnavailableException"/> (<see cref="DatabaseFailureInterceptor"/>);</item>
    /// <item>on SQLite, the busy wait and full sync of every connection (<see cref="SqliteDurabilityInterceptor"/>) and the
    /// search-key function the migration that added the keys fills existing rows with (<see cref="SqliteSearchKeyFunction"/>).</item>
    /// </list>
    /// </summary>
    /// <param name="time">The clock stamps and history are taken from, unless a context is given another
    /// (<see cref="DbContextFactoryExtensions.CreateForAsync"/>); the system clock when null.</param>
    /// <param name="busyTimeoutSeconds">SQLite: how long a write waits for another connection's write lock (`Database:BusyTimeoutSeconds`).</param>
    public static DbContextOptionsBuilder UseCommsPlan(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString,
        TimeProvider? time = null, int busyTimeoutSeconds = DatabaseOptions.DefaultBusyTimeoutSeconds)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(SqliteDurability.Harden(connectionString, busyTimeoutSeconds))
                    .AddInterceptors(new SqliteDurabilityInterceptor(busyTimeoutSeconds), SqliteSearchKeyFunction.Instance);
                break;
            case DatabaseProvider.PostgreSQL:
                options.UseNpgsql(connectionString);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider));
        }
        options.AddInterceptors(DatabaseFailureInterceptor.Instance, WriteInterceptor.Instance);
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new CommsPlanOptionsExtension(time ?? TimeProvider.System));
        return options;
    }

    /// <summary>The typed builder's form, for code that builds <c>DbContextOptions&lt;CommsPlanDbContext&gt;</c> itself.</summary>
    public static DbContextOptionsBuilder<CommsPlanDbContext> UseCommsPlan(this DbContextOptionsBuilder<CommsPlanDbContext> options,
        DatabaseProvider provider, string connectionString, TimeProvider? time = null,
        int busyTimeoutSeconds = DatabaseOptions.DefaultBusyTimeoutSeconds)
    {
        UseCommsPlan((DbContextOptionsBuilder)options, provider, connectionString, time, busyTimeoutSeconds);
        return options;
    }
}

/// <summary>
/// The mark <see cref="CommsPlanOptions.UseCommsPlan"/> leaves on the options, with the clock it was given; the
/// context reads both when it is constructed. Adds no services, so it never splits EF's service-provider cache.
/// </summary>
internal sealed class CommsPlanOptionsExtension(TimeProvider time) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public TimeProvider Time { get; } = time;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "UseCommsPlan ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["CommsPlan:UseCommsPlan"] = "1";
    }
}
