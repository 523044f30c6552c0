using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CommsPlan.Core.Api;
using CommsPlan.Core.Data;
using CommsPlan.Dashboard.Endpoints.Api;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CommsPlan.Tests.Dashboard.Api;

/// <summary>
/// The CI check of the API's document against the running app: every /api/v1 endpoint the app maps is described
/// (and nothing else is), each with a summary, a success response, the bearer scheme and the common problems; and
/// every documented operation, called with a real agency's write token, answers a status its description lists.
/// </summary>
public sealed class OpenApiDocumentTests(InProcessApp app, ITestOutputHelper output) : IClassFixture<InProcessApp>
{
    [Fact]
    public async Task TheDocumentIsServedToAnAnonymousClientWithTheBearerSchemeAndARelativeServer()
    {
        using var anonymous = app.NewClient();

        using var response = await anonymous.GetAsync(ApiDocument.Path);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>());
        Assert.Equal("CommsPlan API", document["info"]!["title"]!.GetValue<string>());
        Assert.Contains("mã truy cập", document["info"]!["description"]!.GetValue<string>());
        Assert.Equal("/", Assert.Single(document["servers"]!.AsArray())!["url"]!.GetValue<string>());
        var bearer = document["components"]!["securitySchemes"]![ApiDocument.BearerScheme]!;
        Assert.Equal("http", bearer["type"]!.GetValue<string>());
        Assert.Equal("bearer", bearer["scheme"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryApiEndpointOfTheAppIsDescribedAndTheDocumentDescribesNothingElse()
    {
        var operations = await DocumentedOperations.ReadAsync(app.NewClient(), ApiDocument.Path);

        var endpoints = DocumentedOperations.EndpointsUnder(app.Services.GetRequiredService<EndpointDataSource>(), ApiV1.Prefix)
            .Select(e => $"{e.Method} {e.Path}").Order().ToList();
        var described = operations.All.Select(o => $"{o.Method} {o.Path}").Order().ToList();

        output.WriteLine($"{endpoints.Count} endpoints under {ApiV1.Prefix}: {string.Join(", ", endpoints)}");
        Assert.Equal(endpoints, described);
    }

    [Fact]
    public async Task EachDocumentedOperationHasASummaryASuccessResponseTheBearerSchemeAndTheCommonProblems()
    {
        var operations = await DocumentedOperations.ReadAsync(app.NewClient(), ApiDocument.Path);

        var failures = operations.All.SelectMany(o => OpenApiTransformerTests.Incomplete(o)).ToList();

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// Driven by the document alone: after the lead merges the activities and read endpoints, they are all called here
    /// with no change to this test. Path parameters come from what the calls before answered (the activity the POST
    /// created, the first item of a list) or the demo data the test knows.
    /// </summary>
    [Fact]
    public async Task EachDocumentedOperationCalledWithAnAgencyWriteTokenAnswersAStatusItDocuments()
    {
        using var client = app.NewClient();
        var operations = await DocumentedOperations.ReadAsync(client, ApiDocument.Path);
        var (secret, known) = await AgencyWriteTokenAsync("BAOTN");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        var calls = await operations.CallEachAsync(client, known);

        foreach (var call in calls) output.WriteLine(call.ToString());
        Assert.Equal(operations.All.Count, calls.Count);
        var undocumented = calls.Where(c => !c.Documented).ToList();
        Assert.True(undocumented.Count == 0, "Statuses the document does not list:" + Environment.NewLine + string.Join(Environment.NewLine, undocumented));
        // A read of a collection needs nothing but a valid token: it must succeed, not merely answer a documented refusal.
        var refusedReads = calls.Where(c => c.Operation.Method == "GET" && c.Operation.PathParameters.Count == 0 && c.Status is < 200 or >= 300).ToList();
        Assert.True(refusedReads.Count == 0, "Collections an agency's token could not read:" + Environment.NewLine + string.Join(Environment.NewLine, refusedReads));
    }

    /// <summary>A read-write token of the agency, and the demo values a path may need (the agency, the current plan year).</summary>
    private async Task<(string Secret, Dictionary<string, string> Known)> AgencyWriteTokenAsync(string agencyCode)
    {
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CommsPlanDbContext>>().CreateDbContextAsync();
        var agencyId = await db.Agencies.Where(a => a.Code == agencyCode).Select(a => a.Id).SingleAsync();
        var year = await db.Plans.Where(p => p.IsIssued).OrderByDescending(p => p.PeriodStart <= today && today <= p.PeriodEnd).ThenByDescending(p => p.Year)
            .Select(p => p.Year).FirstAsync();
        var (_, secret) = await app.Services.GetRequiredService<ApiTokenService>()
            .CreateAsync(ActingUsers.Admin, new ApiTokenInput($"openapi-{Guid.NewGuid():N}", agencyId, ApiScopes.Read | ApiScopes.Write, today.AddDays(30)));
        var yearText = year.ToString(CultureInfo.InvariantCulture);
        return (secret, new Dictionary<string, string>
        {
            ["agencyCode"] = agencyCode,
            ["agency"] = agencyCode,
            ["agencyId"] = agencyId.ToString(CultureInfo.InvariantCulture),
            ["year"] = yearText,
            ["planYear"] = yearText,
        });
    }
}
