namespace CommsPlan.Dashboard.Endpoints.Api;

/// <summary>An example an endpoint shows in the OpenAPI document: of its request body, or of one response's body.</summary>
/// <param name="Value">Serialized as the API serializes (camelCase).</param>
/// <param name="StatusCode">The response it illustrates; null for the request body.</param>
public sealed record ApiExample(object Value, int? StatusCode = null);

/// <summary>An example value of one of the endpoint's parameters (route, query or header), by the parameter's name.</summary>
public sealed record ApiParameterExample(string Name, object Value);

public static class ApiExamples
{
    /// <summary>
    /// The request body a client would send, shown on the reference page and sent by the test that calls every documented
    /// operation, so an example that the endpoint refuses fails the build rather than misleading a partner.
    /// </summary>
    public static TBuilder WithExample<TBuilder>(this TBuilder builder, object request) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiExample(request));

    /// <summary>
    /// An example value of a parameter (`.WithParameterExample("period", "2021-Q3")`): shown on the reference page, and
    /// sent for a required parameter by the test that calls every operation.
    /// </summary>
    public static TBuilder WithParameterExample<TBuilder>(this TBuilder builder, string name, object value) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiParameterExample(name, value));

    /// <summary>An example body of the response with <paramref name="statusCode"/>.</summary>
    public static TBuilder WithResponseExample<TBuilder>(this TBuilder builder, int statusCode, object response) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiExample(response, statusCode));
}
