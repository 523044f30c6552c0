using CommsPlan.Core;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Core.Data;

/// <summary>The key ring lives in the database, so every app instance on it reads what another protected (cookies).</summary>
public abstract class DataProtectionKeyTests(DatabaseProvider provider)
{
    [Fact]
    public async Task ASecondInstanceOnTheSameDatabaseUnprotectsWhatTheFirstProtected()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = Instance(database);
        await using var second = Instance(database);

        var token = first.GetDataProtector("cookies").Protect("phiên đăng nhập");

        Assert.Equal("phiên đăng nhập", second.GetDataProtector("cookies").Unprotect(token));
        await using var db = database.CreateContext();
        Assert.Single(await db.DataProtectionKeys.ToListAsync());
    }

    // As WebHardening registers it: the application name and the keys in CommsPlanDbContext.
    private static ServiceProvider Instance(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCommsPlanCore(database.ConnectionString, database.Provider);
        services.AddDataProtection().SetApplicationName("CommsPlan").PersistKeysToDbContext<CommsPlanDbContext>();
        return services.BuildServiceProvider();
    }

    public sealed class OnSqlite() : DataProtectionKeyTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : DataProtectionKeyTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
