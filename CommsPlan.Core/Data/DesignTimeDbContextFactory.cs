using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommsPlan.Core.Data;

/// <summary>
/// Lets `dotnet ef migrations add` build the SQLite model without starting the Dashboard
/// (`--context CommsPlanDbContext -o Data/Migrations/Sqlite`).
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CommsPlanDbContext>
{
    public CommsPlanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CommsPlanDbContext>().UseCommsPlan(DatabaseProvider.Sqlite, "Data Source=design-time.db").Options);
}

/// <summary>
/// The PostgreSQL model for `dotnet ef migrations add` (`--context PostgreSqlCommsPlanDbContext -o Data/Migrations/PostgreSQL`);
/// adding a migration never connects, so the server named here need not exist.
/// </summary>
public sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlCommsPlanDbContext>
{
    public PostgreSqlCommsPlanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CommsPlanDbContext>().UseCommsPlan(DatabaseProvider.PostgreSQL, "Host=localhost;Database=commsplan_design").Options);
}
