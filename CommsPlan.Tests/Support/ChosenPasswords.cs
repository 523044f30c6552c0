using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Support;

/// <summary>
/// An account an administrator created must change its password at the first sign-in; tests about something else
/// mark the password as the user's own, as it is after that change.
/// </summary>
public static class ChosenPasswords
{
    public static async Task MarkChosenAsync(IServiceProvider services, string userId)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(1, await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, false)));
    }
}
