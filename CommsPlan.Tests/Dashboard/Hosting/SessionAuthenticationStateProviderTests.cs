using System.Security.Claims;
using CommsPlan.Core.Access;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommsPlan.Tests.Dashboard.Hosting;

/// <summary>An open page's user, re-checked against its session when told the user's sessions changed.</summary>
public sealed class SessionAuthenticationStateProviderTests : IAsyncLifetime
{
    private AccessTestServices _app = null!;
    private UserSessions _sessions = null!;
    private SessionRevocations _revocations = null!;

    public async Task InitializeAsync()
    {
        _app = await AccessTestServices.CreateAsync();
        _sessions = _app.Get<UserSessions>();
        _revocations = _app.Get<SessionRevocations>();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task APageWhoseSessionEndedBecomesAnonymousWhenTold()
    {
        var (provider, key, userId) = await OpenPageAsync("giamsat");
        var signedOut = new TaskCompletionSource<ClaimsPrincipal>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.AuthenticationStateChanged += async state => signedOut.TrySetResult((await state).User);

        await _sessions.RemoveAsync(key);
        _revocations.Publish(userId);

        var user = await signedOut.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(user.Identity?.IsAuthenticated);
        provider.Dispose();
    }

    [Fact]
    public async Task APageWhoseSessionHoldsStaysSignedInAfterARecheck()
    {
        var (provider, _, userId) = await OpenPageAsync("lanhdao");
        var changes = 0;
        provider.AuthenticationStateChanged += _ => Interlocked.Increment(ref changes);

        _revocations.Publish(userId);
        await WaitUntilAsync(() => provider.Checks >= 1);

        Assert.Equal(0, changes);
        Assert.True((await provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
        provider.Dispose();
    }

    [Fact]
    public async Task APageWithoutASessionKeyIsSignedOutAtTheFirstCheck()
    {
        var userId = (await _app.UserAsync("baotn")).UserId;
        var provider = NewProvider();
        var signedOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, "baotn")], "Identity.Application")))));
        provider.AuthenticationStateChanged += _ => signedOut.TrySetResult();

        _revocations.Publish(userId);

        await signedOut.Task.WaitAsync(TimeSpan.FromSeconds(10));
        provider.Dispose();
    }

    /// <summary>A circuit's provider holding <paramref name="userName"/> signed in with a session of their own.</summary>
    private async Task<(SessionAuthenticationStateProvider Provider, string Key, string UserId)> OpenPageAsync(string userName)
    {
        await using var db = await _app.ContextAsync();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        var key = UserSessions.NewKey();
        await _sessions.AddAsync(key, user.Id, [1], TimeSpan.FromHours(8));
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, userName),
            new Claim(new IdentityOptions().ClaimsIdentity.SecurityStampClaimType, user.SecurityStamp!),
            new Claim(UserSessions.SessionClaim, key),
        ], "Identity.Application");
        var provider = NewProvider();
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity))));
        return (provider, key, user.Id);
    }

    private SessionAuthenticationStateProvider NewProvider() =>
        new(_sessions, _revocations, Options.Create(new IdentityOptions()), NullLogger<SessionAuthenticationStateProvider>.Instance);

    /// <summary>Waits for a condition of the provider's own counters, never a fixed time.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The page never re-checked its session.");
            await Task.Delay(20);
        }
    }
}
