using System.Net;
using System.Text.RegularExpressions;
using CommsPlan.Core.Access;
using CommsPlan.Core.Administration;
using CommsPlan.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Dashboard.Hosting;

/// <summary>Over HTTP: an account whose password an administrator set reaches nothing but the password page until it is changed.</summary>
public sealed class ForcedPasswordChangeTests(InProcessApp app) : IClassFixture<InProcessApp>
{
    private const string Initial = "Hoa-sen#Tim42";
    private const string Chosen = "Đồi-chè#Tân53";

    [Fact]
    public async Task EveryPageLeadsToThePasswordPageAndTheApiAndCircuitAreRefusedUntilThePasswordIsChanged()
    {
        var userName = await CreateViewerAsync();
        using var client = await app.SignedInClientAsync(userName, Initial);

        using var plan = await client.GetAsync("/plan?nam=2021");
        using var home = await client.GetAsync("/");
        using var api = await client.GetAsync("/api/activities/template.xlsx");
        using var circuit = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", new StringContent(""));
        var form = await client.GetStringAsync("/account/password");

        Assert.Equal(HttpStatusCode.Redirect, plan.StatusCode);
        Assert.Equal("/account/password?ReturnUrl=%2Fplan%3Fnam%3D2021", plan.Headers.Location!.OriginalString);
        Assert.Equal("/account/password", home.Headers.Location!.OriginalString);
        Assert.True(api.StatusCode == HttpStatusCode.Forbidden, $"{api.StatusCode} {api.Headers.Location}");
        Assert.Equal(HttpStatusCode.Forbidden, circuit.StatusCode);
        Assert.Contains("data-testid=\"forced-change\"", form);

        using var changed = await PostChangeAsync(client, form, Initial, Chosen);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/account/password?changed=true", changed.Headers.Location!.PathAndQuery);
        // The same browser is signed in again, without the forced change.
        using var after = await client.GetAsync("/plan");
        using var apiAfter = await client.GetAsync("/api/activities/template.xlsx");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, apiAfter.StatusCode);
    }

    [Fact]
    public async Task AWrongCurrentPasswordIsToldOnThePageWithoutEchoingAnyPassword()
    {
        var userName = await CreateViewerAsync();
        using var client = await app.SignedInClientAsync(userName, Initial);
        var form = await client.GetStringAsync("/account/password");

        using var refused = await PostChangeAsync(client, form, "Sai-mat-khau#1", Chosen);
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(PasswordChangeService.WrongCurrentPasswordMessage, WebUtility.HtmlDecode(html));
        Assert.DoesNotContain(Chosen, WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("Sai-mat-khau#1", html);
        using var stillForced = await client.GetAsync("/plan");
        Assert.Equal(HttpStatusCode.Redirect, stillForced.StatusCode);
    }

    private async Task<string> CreateViewerAsync()
    {
        var userName = $"buoc{Guid.NewGuid():N}"[..12];
        await app.Services.GetRequiredService<UserAdminService>().CreateAsync(CurrentUser.System,
            new NewUserInput { UserName = userName, FullName = "Người phải đổi mật khẩu", Role = Roles.Viewer, Password = Initial });
        return userName;
    }

    private static Task<HttpResponseMessage> PostChangeAsync(HttpClient client, string form, string current, string newPassword) =>
        client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden(form, "__RequestVerificationToken"),
            ["_handler"] = "change-password",
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        }));

    private static string Hidden(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value);
}
