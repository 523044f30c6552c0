using System.Net;
using System.Threading.RateLimiting;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace CommsPlan.Dashboard.Hosting;

/// <summary>The web-facing defences: security headers, the sign-in rate limit, key storage and request limits.</summary>
internal static class WebHardening
{
    public const string LoginPath = "/Account/Login";

    /// <summary>
    /// The sign-in rate limit, attached to the sign-in page's endpoint (Login.razor), so whatever path routing sends to
    /// the form (/Account/Login/, /account/login…) is limited, not one spelling of it.
    /// </summary>
    public const string LoginLimitPolicy = "login";

    /// <summary>
    /// The Content-Security-Policy every response carries. Scripts only from the app itself (no inline script: the
    /// import map is not rendered, see App.razor); styles also inline, because MudBlazor sets style attributes and
    /// its theme provider writes a &lt;style&gt; element; the circuit's WebSocket is same-origin ('self').
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static readonly string TooManyAttemptsMessage = "Bạn đã thử đăng nhập quá nhiều lần. Vui lòng chờ một phút rồi thử lại.";

    /// <summary>
    /// Data Protection keys in the app database (sign-in cookies and antiforgery tokens stay valid across restarts and
    /// machines), encrypted with the configured certificate; the sign-in rate limiter; circuit and request-size limits.
    /// </summary>
    /// <exception cref="KeyRingSettingsException">No usable certificate outside demo mode.</exception>
    /// <exception cref="SettingsException">A DataProtection or Seed setting cannot be read.</exception>
    public static IServiceCollection AddCommsPlanHardening(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, LoggingAuthorizationResultHandler>();
        // The certificates are loaded while services are registered, so the key ring's settings are read now.
        services.AddCommsPlanDataProtection(KeyRingSettingsFor(
            Settings.Read<KeyRingSettings>(configuration, KeyRingSettings.Section), Settings.Read<DemoOptions>(configuration, DemoOptions.Section)));

        services.AddRateLimiter(o =>
        {
            // Only the sign-in POST is limited, per client address: password guessing across many accounts from one
            // address is slowed down, while SignInGuard's lockout per user name and address stops guessing one account.
            o.AddPolicy(LoginLimitPolicy, context =>
                HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = PermitsPerMinute(context),
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            // Each API token's calls per minute; refused with a problem body of its own (ApiRateLimitPolicy.OnRejected).
            o.AddPolicy<string, Endpoints.Api.ApiRateLimitPolicy>(Endpoints.Api.ApiRateLimitPolicy.Name);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CommsPlan.Access")
                    .LogWarning("Sign-in refused: more than {PermitLimit} attempts a minute from {ClientAddress}.", PermitsPerMinute(http), ClientAddress.Of(http));
                http.Response.Headers.RetryAfter = "60";
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(
                    $"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Đăng nhập - CommsPlan</title></head><body>" +
                    $"<h1>Tạm dừng đăng nhập</h1><p role=\"alert\">{WebUtility.HtmlEncode(TooManyAttemptsMessage)}</p>" +
                    $"<p><a href=\"{LoginPath}\">Quay lại trang đăng nhập</a></p></body></html>", ct);
            };
        });

        // Uploads go through the circuit in small chunks (the Excel import, evidence files); no request body may exceed
        // the largest file the app accepts plus its envelope (UploadLimits), the figure the README's proxy example uses.
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<CommsPlan.Core.Evidence.EvidenceOptions>>((o, evidence) =>
            {
                o.Limits.MaxRequestBodySize = UploadLimits.RequestBodyBytes(evidence.Value);
                o.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            });
        services.AddOptions<Microsoft.AspNetCore.Http.Features.FormOptions>()
            .Configure<IOptions<CommsPlan.Core.Evidence.EvidenceOptions>>((o, evidence) =>
            {
                o.MultipartBodyLengthLimit = UploadLimits.RequestBodyBytes(evidence.Value);
                o.ValueLengthLimit = 64 * 1024;
                o.ValueCountLimit = 256;
            });
        return services;
    }

    /// <summary>
    /// The key ring's certificate settings. Outside demo mode a certificate is required: a database backup copied
    /// elsewhere must not be enough to forge cookies. The demo (and the tests on it) may run without one, with a warning.
    /// </summary>
    internal static KeyRingSettings KeyRingSettingsFor(KeyRingSettings settings, DemoOptions demo)
    {
        if (!settings.HasCertificate && !demo.DemoData)
            throw new KeyRingSettingsException($"{KeyRingSettings.Section}:CertificatePath is required outside demo mode: the path of a .pfx "
                + $"certificate that encrypts the sign-in keys (its password in {KeyRingSettings.Section}__CertificatePassword); see the README.");
        return settings;
    }

    /// <summary>
    /// Before any key is read: with a certificate, keys left unencrypted from before are deleted (their users sign in
    /// again); without one (demo mode only), a warning that the keys sit in plain text in the database and its backups.
    /// </summary>
    public static async Task SecureKeyRingAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CommsPlan.Access");
        if (!app.Services.GetRequiredService<IOptions<KeyRingSettings>>().Value.HasCertificate)
        {
            logger.LogWarning("No {Setting} is set: the sign-in keys are stored unencrypted in the database and its backups. "
                + "Allowed in demo mode only.", $"{KeyRingSettings.Section}:CertificatePath");
            return;
        }
        var removed = await KeyRing.RemoveUnencryptedKeysAsync(
            app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CommsPlanDbContext>>(), app.Lifetime.ApplicationStopping);
        if (removed > 0)
            logger.LogWarning("Deleted {Count} sign-in key(s) stored unencrypted before the certificate was set: users sign in again.", removed);
    }

    /// <summary>Circuit limits: few disconnected circuits kept, small hub messages (file chunks stay below it).</summary>
    public static IRazorComponentsBuilder AddLimitedInteractiveServerComponents(this IRazorComponentsBuilder builder) =>
        builder.AddInteractiveServerComponents(o =>
        {
            o.DisconnectedCircuitMaxRetained = 100;
            o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            o.MaxBufferedUnacknowledgedRenderBatches = 10;
            o.JSInteropDefaultCallTimeout = TimeSpan.FromMinutes(1);
        }).AddHubOptions(o =>
        {
            o.MaximumReceiveMessageSize = HubMessageLimit.Bytes;
            o.MaximumParallelInvocationsPerClient = 1;
        });

    /// <summary>
    /// Behind a load balancer every request comes from the balancer's address: without this, the sign-in limit would
    /// count all users as one client and HTTPS redirection would loop. Only the addresses in
    /// <c>ReverseProxy:KnownProxies</c> are trusted to say who the client is and which scheme it used (one hop);
    /// with none configured the app trusts no forwarded header at all.
    /// </summary>
    public static IApplicationBuilder UseKnownReverseProxies(this IApplicationBuilder app)
    {
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<ReverseProxyOptions>>().Value.Addresses;
        if (proxies.Count == 0) return app;
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };
        // The defaults trust loopback; here only what the operator named counts.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies) options.KnownProxies.Add(proxy);
        return app.UseForwardedHeaders(options);
    }

    private static int PermitsPerMinute(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.LoginPerMinute;

    /// <summary>Security headers on every response, static files and errors included.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicyFor(context);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>
    /// The policy of one response: <see cref="ContentSecurityPolicy"/>, plus the nonce of the response's own inline script
    /// when its endpoint generated one (the API reference page, Endpoints/Api/ApiReference.cs). The nonce is new on each
    /// request, so no other inline script can run, on that page or any other.
    /// </summary>
    internal static string ContentSecurityPolicyFor(HttpContext context) =>
        context.Items[Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey] is string { Length: > 0 } nonce
            ? ContentSecurityPolicy.Replace("script-src 'self';", $"script-src 'self' 'nonce-{nonce}';", StringComparison.Ordinal)
            : ContentSecurityPolicy;

    /// <summary>Every refusal by a policy is logged (who, which path), then answered as usual.</summary>
    internal sealed class LoggingAuthorizationResultHandler(ILogger<LoggingAuthorizationResultHandler> logger)
        : Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler
    {
        private readonly Microsoft.AspNetCore.Authorization.Policy.AuthorizationMiddlewareResultHandler _default = new();

        public Task HandleAsync(RequestDelegate next, HttpContext context, Microsoft.AspNetCore.Authorization.AuthorizationPolicy policy,
            Microsoft.AspNetCore.Authorization.Policy.PolicyAuthorizationResult authorizeResult)
        {
            if (authorizeResult.Forbidden)
                logger.LogWarning("Access refused: {UserName} may not open {Path}.", LogText.Of(context.User.Identity?.Name), LogText.Of(context.Request.Path.Value, 300));
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
