using System.Net;
using System.Text.RegularExpressions;
using CommsPlan.Dashboard.Endpoints.Api;
using CommsPlan.Dashboard.Hosting;
using CommsPlan.Tests.Support;

namespace CommsPlan.Tests.Dashboard.Api;

/// <summary>
/// The reference page's one inline script runs by a nonce of its own response (docs/decisions/0022-api.md): the
/// policy names it on that response only, a new one each time, and every other response keeps the app's policy.
/// </summary>
public sealed class ApiReferenceTests(InProcessApp app) : IClassFixture<InProcessApp>
{
    [Fact]
    public async Task TheReferencePageAllowsItsOwnScriptsByANewNonceAndNoInlineScriptWithoutIt()
    {
        using var client = await app.SignedInClientAsync("baotn");

        var first = await PageAsync(client);
        var second = await PageAsync(client);

        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.Equal(WebHardening.ContentSecurityPolicy.Replace("script-src 'self';", $"script-src 'self' 'nonce-{first.Nonce}';", StringComparison.Ordinal),
            first.Policy);
        Assert.Contains($"<title>{ApiReference.PageTitle}</title>", first.Html);
        var inline = Regex.Matches(first.Html, "<script(?![^>]*\\bsrc=)[^>]*>").Select(m => m.Value).ToList();
        Assert.NotEmpty(inline);
        Assert.All(inline, tag => Assert.Contains($"nonce=\"{first.Nonce}\"", tag));
    }

    [Fact]
    public async Task OtherResponsesKeepTheAppsPolicyWithoutANonce()
    {
        using var client = await app.SignedInClientAsync("baotn");

        using var page = await client.GetAsync("/plan");
        using var document = await client.GetAsync(ApiDocument.Path);

        Assert.Equal(WebHardening.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(WebHardening.ContentSecurityPolicy, document.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task AnAnonymousVisitorIsSentToSignInAndScalarsBundleIsServedFromThePackage()
    {
        using var anonymous = app.NewClient();

        using var page = await anonymous.GetAsync(ApiReference.Path + "/");
        using var bundle = await anonymous.GetAsync(ApiReference.Path + "/scalar.js");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType!.MediaType);
        Assert.True((await bundle.Content.ReadAsByteArrayAsync()).Length > 100_000);
    }

    private static async Task<(string Html, string Policy, string Nonce)> PageAsync(HttpClient client)
    {
        using var response = await client.GetAsync(ApiReference.Path + "/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        return (await response.Content.ReadAsStringAsync(), policy, nonce);
    }
}
