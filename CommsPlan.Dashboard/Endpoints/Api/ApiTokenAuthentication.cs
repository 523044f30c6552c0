using System.Text.Encodings.Web;
using CommsPlan.Core.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CommsPlan.Dashboard.Endpoints.Api;

/// <summary>
/// `Authorization: Bearer cpt_…` on /api/v1: the token's agency (or the province, read only) is the caller. The API's
/// policies name only this scheme, so the sign-in cookie of a browser never authenticates an API call, and a refused
/// call answers 401 or 403 with a problem body instead of a redirect to the sign-in page.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.Fail("Not a bearer token.");
        var token = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (token is null) return AuthenticateResult.Fail("Unknown, expired or revoked token.");
        Context.Items[typeof(ApiToken)] = token;
        return AuthenticateResult.Success(new AuthenticationTicket(ApiTokenService.ToPrincipal(token, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            "Chưa xác thực",
            "Vui lòng gửi mã truy cập hợp lệ trong tiêu đề Authorization: Bearer <mã truy cập>. Mã có thể đã hết hạn hoặc bị thu hồi.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden,
            "Không có quyền", "Mã truy cập này không được phép thực hiện thao tác này.");
}

/// <summary>The API's two policies: any valid token reads; writing needs a token with the write scope.</summary>
public static class ApiPolicies
{
    public const string Read = "ApiRead";
    public const string Write = "ApiWrite";

    public static AuthenticationBuilder AddApiTokens(this AuthenticationBuilder authentication) =>
        authentication.AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);

    public static AuthorizationBuilder AddApiPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Read, p => p.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
            .RequireClaim(ApiTokenRules.ScopeClaim, ApiTokenRules.ScopeName(ApiScopes.Read)))
        .AddPolicy(Write, p => p.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
            .RequireClaim(ApiTokenRules.ScopeClaim, ApiTokenRules.ScopeName(ApiScopes.Write)));
}

/// <summary>RFC 9457 problem details with Vietnamese text, the API's only error shape.</summary>
public static class ApiProblems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        return TypedResults.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
    }
}
