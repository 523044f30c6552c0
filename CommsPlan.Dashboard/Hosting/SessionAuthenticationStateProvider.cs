using System.Security.Claims;
using System.Threading.Channels;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CommsPlan.Dashboard.Hosting;

/// <summary>
/// The signed-in user of a circuit, kept only while its session holds (<see cref="UserSessions.IsActiveAsync"/>: the
/// session exists, the account is not locked, its security stamp is unchanged). The circuit re-checks at once when
/// <see cref="SessionRevocations"/> says the user's sessions changed — a sign-out, an administrator's lock, role or
/// agency change or password reset, on any instance — and every <see cref="RecheckInterval"/> in case a notice was
/// lost. When the check fails the circuit's user becomes anonymous: every page is [Authorize]d, so the router shows
/// <c>RedirectToLogin</c>, which loads the sign-in page, and Core refuses the anonymous user whatever the page still
/// tries to save.
/// </summary>
internal sealed class SessionAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>How many re-checks this circuit made (for the tests).</summary>
    internal long Checks => Interlocked.Read(ref _checks);

    private readonly UserSessions _sessions;
    private readonly SessionRevocations _revocations;
    private readonly IOptions<IdentityOptions> _identity;
    private readonly ILogger _logger;
    private readonly Channel<bool> _recheck = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _gate = new();
    private CancellationTokenSource _watch = new();
    private IDisposable? _subscription;
    private string? _userId;
    private bool _disposed;
    private long _checks;

    public SessionAuthenticationStateProvider(UserSessions sessions, SessionRevocations revocations, IOptions<IdentityOptions> identity,
        ILogger<SessionAuthenticationStateProvider> logger)
    {
        _sessions = sessions;
        _revocations = revocations;
        _identity = identity;
        _logger = logger;
        AuthenticationStateChanged += Watch;
    }

    private void Watch(Task<AuthenticationState> state)
    {
        CancellationToken token;
        lock (_gate)
        {
            if (_disposed) return;
            // Cancelled, not disposed: the previous watch may still be reading its token.
            _watch.Cancel();
            _watch = new CancellationTokenSource();
            token = _watch.Token;
        }
        _ = WatchAsync(state, token);
    }

    private async Task WatchAsync(Task<AuthenticationState> stateTask, CancellationToken ct)
    {
        try
        {
            var user = (await stateTask).User;
            if (user.Identity?.IsAuthenticated != true) return;
            lock (_gate)
            {
                if (_disposed) return;
                _userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
                _subscription ??= _revocations.Subscribe(OnSessionsChanged);
            }
            Task<bool>? notice = null;
            while (true)
            {
                notice ??= _recheck.Reader.WaitToReadAsync(ct).AsTask();
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    var timer = Task.Delay(RecheckInterval, wait.Token);
                    if (await Task.WhenAny(notice, timer) == notice)
                    {
                        _recheck.Reader.TryRead(out _);
                        notice = null;
                    }
                    await wait.CancelAsync();
                }
                ct.ThrowIfCancellationRequested();
                var stillSignedIn = await IsStillSignedInAsync(user, ct);
                Interlocked.Increment(ref _checks);
                if (stillSignedIn) continue;
                _logger.LogInformation("An open page of {UserName} was signed out: its session ended.", LogText.Of(user.Identity?.Name));
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
                return;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> IsStillSignedInAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var key = user.FindFirstValue(UserSessions.SessionClaim);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (key is null || userId is null) return false;
        try
        {
            return await _sessions.IsActiveAsync(key, userId, user.FindFirstValue(_identity.Value.ClaimsIdentity.SecurityStampClaimType), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A database that cannot answer now decides nothing: the next check asks again.
            _logger.LogWarning(ex, "Could not re-check the session of {UserName}.", LogText.Of(user.Identity?.Name));
            return true;
        }
    }

    private Task OnSessionsChanged(string? userId)
    {
        if (userId is null || userId == Volatile.Read(ref _userId)) _recheck.Writer.TryWrite(true);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _watch.Cancel();
            _subscription?.Dispose();
        }
        AuthenticationStateChanged -= Watch;
    }
}
