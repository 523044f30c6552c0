using CommsPlan.Core.Access;
using Scalar.AspNetCore;

namespace CommsPlan.Dashboard.Endpoints.Api;

/// <summary>
/// The API's reference page for signed-in users (docs/decisions/0022-api.md): Scalar, its bundle served from its
/// package, reading <see cref="ApiDocument.Path"/>. Nothing is loaded from outside the app (no CDN, no web fonts, no
/// AI agent, no telemetry, no eval), and the page's one inline script, Scalar's start-up, runs only by the nonce of its
/// own response.
/// </summary>
public static class ApiReference
{
    public const string Path = "/api-docs";
    public const string PageTitle = "Tài liệu API - CommsPlan";

    public static void MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, options => options
                .WithTitle(PageTitle)
                .WithOpenApiRoutePattern(ApiDocument.Path)
                // The token field is ready in the request panel; the token is not kept in the browser's storage.
                .AddPreferredSecuritySchemes([ApiDocument.BearerScheme])
                .WithNonce()
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools()
                .WithFavicon("/favicon.png")
                // External files, as the policy wants: the bar's style, and Zod told not to probe eval (the file says why).
                .AddHeadContent("""<link rel="stylesheet" href="/api-reference.css" /><script src="/api-reference.js"></script>""")
                .AddHeaderContent(Header))
            .RequireAuthorization(Policies.SignedIn);

    private const string Header = $"""
        <header class="api-reference-bar">
            <a href="/">← CommsPlan</a>
            <strong>Tài liệu API cho hệ thống của các cơ quan, đơn vị</strong>
            <a href="/tokens">Mã truy cập API</a>
            <a href="{ApiDocument.Path}" download>Tải tài liệu OpenAPI (JSON)</a>
        </header>
        """;
}
