using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CommsPlan.Tests.Dashboard.Api;

/// <summary>
/// An OpenAPI document read as a client reads it, and a caller driven by it alone: every operation is called with
/// path parameters taken from what earlier calls answered (the object a POST created, the first item of a list) or
/// from values the test knows, the documented example as the body (else a minimal body built from the schema), and
/// each answer's status checked against the statuses the operation documents. Nothing here names an endpoint, so
/// every endpoint added to the API is called without changing the test.
/// </summary>
internal sealed class DocumentedOperations
{
    private static readonly string[] MethodOrder = ["POST", "GET", "PUT", "PATCH", "DELETE"];

    private readonly JsonObject _document;

    private DocumentedOperations(JsonObject document)
    {
        _document = document;
        All = [.. (document["paths"] as JsonObject ?? [])
            .SelectMany(path => (path.Value as JsonObject ?? [])
                .Where(op => MethodOrder.Contains(op.Key.ToUpperInvariant()) || op.Key is "head" or "options")
                .Select(op => new Operation(op.Key.ToUpperInvariant(), path.Key, (JsonObject)op.Value!)))];
    }

    public IReadOnlyList<Operation> All { get; }

    public static async Task<DocumentedOperations> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return new DocumentedOperations(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    /// <summary>
    /// The app's own endpoints under <paramref name="prefix"/> as (method, "/path/{param}") pairs, in the document's
    /// spelling; an endpoint excluded from the description on purpose (the group's catch-all 404) is not an operation.
    /// </summary>
    public static IReadOnlyList<(string Method, string Path)> EndpointsUnder(EndpointDataSource source, string prefix) =>
        [.. source.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Select(e => (Endpoint: e, Path: DocumentPath(e.RoutePattern)))
            .Where(e => (e.Path + "/").StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m.ToUpperInvariant(), e.Path)))
            .Distinct()];

    /// <summary>A route as OpenAPI writes it: parameters without constraints, defaults or optional marks.</summary>
    public static string DocumentPath(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => "",
        }))));

    /// <summary>
    /// Calls every operation once: creates first (so later calls can use what they made), then reads, updates, and
    /// deletes last, the deepest paths first, so a delete removes what this run created after everything used it.
    /// </summary>
    public async Task<IReadOnlyList<Call>> CallEachAsync(HttpClient client, IReadOnlyDictionary<string, string> knownValues)
    {
        var harvested = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var known = new Dictionary<string, string>(knownValues, StringComparer.OrdinalIgnoreCase);
        var calls = new List<Call>();
        var ordered = All.Where(o => o.Method != "DELETE").OrderBy(o => o.PathParameters.Count).ThenBy(o => Array.IndexOf(MethodOrder, o.Method))
            .Concat(All.Where(o => o.Method == "DELETE").OrderByDescending(o => o.PathParameters.Count));
        foreach (var operation in ordered)
        {
            var notes = new List<string>();
            var path = operation.Path;
            foreach (var name in operation.PathParameters)
            {
                // The collection above the parameter, with the parameters before it already filled: /plans/2021/themes.
                var collection = path[..path.IndexOf("{" + name + "}", StringComparison.Ordinal)].TrimEnd('/');
                var value = ValueFor(operation, name, harvested.GetValueOrDefault(collection), harvested, known, notes);
                path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            }
            var query = operation.Parameters("query").Where(p => p["required"]?.GetValue<bool>() == true)
                .Select(p => $"{Uri.EscapeDataString(p["name"]!.GetValue<string>())}={Uri.EscapeDataString(ParameterValue(p, known, notes))}")
                .ToList();
            var url = query.Count == 0 ? path : path + "?" + string.Join("&", query);
            using var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
            if (operation.Method is "PUT" or "PATCH" or "DELETE" && All.Any(o => o.Method == "GET" && o.Path == operation.Path))
            {
                // The version as a client holds it: the ETag of the record read just before.
                using var current = await client.GetAsync(url);
                if (current.Headers.ETag is { } etag) request.Headers.IfMatch.Add(etag);
            }
            foreach (var header in operation.Parameters("header").Where(p => p["required"]?.GetValue<bool>() == true))
            {
                var name = header["name"]!.GetValue<string>();
                if (name.Equals("If-Match", StringComparison.OrdinalIgnoreCase) && request.Headers.IfMatch.Count > 0) continue;
                request.Headers.TryAddWithoutValidation(name,
                    name.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase) ? Guid.NewGuid().ToString() : ParameterValue(header, known, notes));
            }
            if (JsonBody(operation, notes) is { } body)
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300) Harvest(operation.Method, path, text, harvested);
            calls.Add(new Call(operation, url, status, operation.Documents(status), text.Length > 400 ? text[..400] : text, notes));
        }
        return calls;
    }

    /// <summary>
    /// A path parameter's value: from the object the collection above it answered (a created record or a list's first
    /// item, by the parameter's name, else "id"/"code" by its suffix), a value the test knows, the parameter's documented
    /// example, any earlier answer with a property of that name; only then a placeholder, noted so the output says so.
    /// </summary>
    private static string ValueFor(Operation operation, string name, JsonObject? fromCollection, Dictionary<string, JsonObject> harvested,
        Dictionary<string, string> known, List<string> notes)
    {
        if (fromCollection is not null && PropertyFor(fromCollection, name) is { } ofItem) return ofItem;
        if (known.TryGetValue(name, out var value)) return value;
        if (operation.Parameters("path").FirstOrDefault(p => p["name"]?.GetValue<string>() == name) is { } parameter && Example(parameter) is { } example)
            return example;
        foreach (var other in harvested.Values)
            if (other[name] is JsonValue property) return Text(property);
        notes.Add($"no real value for {{{name}}}: a placeholder was sent");
        return operation.Parameters("path").FirstOrDefault(p => p["name"]?.GetValue<string>() == name)?["schema"]?["type"]?.ToString() is "integer" or "number" ? "1" : "x";
    }

    private static string? PropertyFor(JsonObject item, string name)
    {
        if (item.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value is JsonValue exact) return Text(exact);
        if (name.EndsWith("id", StringComparison.OrdinalIgnoreCase) && item["id"] is JsonValue id) return Text(id);
        if (name.EndsWith("code", StringComparison.OrdinalIgnoreCase) && item["code"] is JsonValue code) return Text(code);
        return null;
    }

    private static string ParameterValue(JsonObject parameter, Dictionary<string, string> known, List<string> notes)
    {
        var name = parameter["name"]!.GetValue<string>();
        if (known.TryGetValue(name, out var value)) return value;
        if (Example(parameter) is { } example) return example;
        notes.Add($"no value for required {parameter["in"]} parameter {name}: a placeholder was sent");
        return parameter["schema"]?["type"]?.ToString() is "integer" or "number" ? "1" : "x";
    }

    private static string? Example(JsonObject parameter) =>
        (parameter["example"] ?? parameter["schema"]?["example"] ?? (parameter["schema"]?["examples"] as JsonArray)?.FirstOrDefault()
            ?? parameter["schema"]?["default"] ?? (parameter["schema"]?["enum"] as JsonArray)?.FirstOrDefault()) is JsonValue value ? Text(value) : null;

    private static string Text(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    /// <summary>What a 2xx answer makes usable by later calls: the object itself, the first item of a list (or of a paged list's array).</summary>
    private static void Harvest(string method, string path, string text, Dictionary<string, JsonObject> harvested)
    {
        JsonNode? node;
        try { node = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text); }
        catch (JsonException) { return; }
        var item = node switch
        {
            JsonObject o when o.Any(p => p.Value is JsonArray) && !o.ContainsKey("id") => o.Select(p => p.Value).OfType<JsonArray>().SelectMany(a => a).OfType<JsonObject>().FirstOrDefault(),
            JsonObject o => o,
            JsonArray a => a.OfType<JsonObject>().FirstOrDefault(),
            _ => null,
        };
        // Keyed by the concrete path called, so a nested collection's items stay with their parent; what this run
        // created wins over what a list showed, so updates and deletes touch the test's own records.
        if (item is not null && (method == "POST" || !harvested.ContainsKey(path))) harvested[path] = item;
    }

    /// <summary>The example body of a JSON request, else a minimal one: the required properties, each with the simplest valid value.</summary>
    private JsonNode? JsonBody(Operation operation, List<string> notes)
    {
        if (operation.Node["requestBody"]?["content"]?["application/json"] is not JsonObject media) return null;
        if (media["example"] is { } example) return example.DeepClone();
        if ((media["examples"] as JsonObject)?.FirstOrDefault().Value?["value"] is { } named) return named.DeepClone();
        notes.Add("no documented example: a minimal body from the schema was sent");
        return Minimal(media["schema"], depth: 0);
    }

    private JsonNode? Minimal(JsonNode? schema, int depth)
    {
        schema = Resolve(schema);
        if (schema is not JsonObject s || depth > 8) return null;
        if (s["example"] is { } example) return example.DeepClone();
        if ((s["enum"] as JsonArray)?.FirstOrDefault() is { } first) return first.DeepClone();
        if (s["default"] is { } fallback) return fallback.DeepClone();
        if ((s["oneOf"] ?? s["anyOf"]) is JsonArray choices)
            return Minimal(choices.FirstOrDefault(c => Resolve(c)?["type"]?.ToString() != "null"), depth + 1);
        var type = s["type"] switch
        {
            JsonArray types => types.Select(t => t?.ToString()).FirstOrDefault(t => t != "null"),
            { } single => single.ToString(),
            _ => s.ContainsKey("properties") ? "object" : null,
        };
        return type switch
        {
            "object" => new JsonObject((s["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>())
                .Select(name => KeyValuePair.Create(name, Minimal(s["properties"]?[name], depth + 1)))),
            "array" => new JsonArray(),
            "integer" or "number" => JsonValue.Create(1),
            "boolean" => JsonValue.Create(false),
            "string" => s["format"]?.ToString() switch
            {
                "date" => JsonValue.Create(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                "date-time" => JsonValue.Create(DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)),
                _ => JsonValue.Create("x"),
            },
            _ => null,
        };
    }

    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var hops = 0; hops < 10 && schema?["$ref"]?.ToString() is { } reference; hops++)
            schema = reference.Split('/').Skip(1).Aggregate((JsonNode?)_document, (node, part) => node?[part]);
        return schema;
    }

    public sealed record Operation(string Method, string Path, JsonObject Node)
    {
        public IReadOnlyList<string> PathParameters { get; } =
            [.. System.Text.RegularExpressions.Regex.Matches(Path, @"\{([^}]+)\}").Select(m => m.Groups[1].Value)];

        public string? Summary => Node["summary"]?.GetValue<string>();

        public JsonObject Responses => Node["responses"] as JsonObject ?? [];

        public IEnumerable<JsonObject> Parameters(string location) =>
            (Node["parameters"] as JsonArray ?? []).OfType<JsonObject>().Where(p => p["in"]?.GetValue<string>() == location);

        /// <summary>The status is listed, as itself, as its class ("4XX") or as "default".</summary>
        public bool Documents(int status) =>
            Responses.ContainsKey(status.ToString(CultureInfo.InvariantCulture)) || Responses.ContainsKey($"{status / 100}XX") || Responses.ContainsKey("default");

        public override string ToString() => $"{Method} {Path}";
    }

    public sealed record Call(Operation Operation, string Url, int Status, bool Documented, string Body, IReadOnlyList<string> Notes)
    {
        public override string ToString() =>
            $"{Operation.Method} {Url} → {Status}{(Documented ? "" : " (not documented: " + string.Join(", ", Operation.Responses.Select(r => r.Key)) + ")")}"
            + (Notes.Count > 0 ? " [" + string.Join("; ", Notes) + "]" : "") + (Documented ? "" : " " + Body);
    }
}
