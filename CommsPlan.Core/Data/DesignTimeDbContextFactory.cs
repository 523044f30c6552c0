using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CommsPlan.Core.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the Dashboard.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CommsPlanDbContext>
{
    public CommsPlanDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CommsPlanDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
