namespace CommsPlan.Dashboard.Endpoints.Api;

/// <summary>The REST API for agencies' own systems and the province's reporting system: every route under /api/v1.</summary>
public static class ApiV1
{
    public const string Prefix = "/api/v1";

    /// <summary>The group every API endpoint is mapped in: token-authenticated, read scope at least.</summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization(ApiPolicies.Read);
        return api;
    }
}
