using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace CommsPlan.Dashboard.Endpoints.Api;

/// <summary>
/// The API's OpenAPI document, generated from the /api/v1 endpoints themselves (their names, Vietnamese summaries,
/// types and declared statuses) and served to anyone at <see cref="Path"/>: it holds no data, and a partner's developer
/// reads it before having a token. Only /api/v1 is described; the app's file downloads and pages are not an API.
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";
    public const string Path = "/openapi/v1.json";
    public const string Title = "CommsPlan API";

    /// <summary>The id of the bearer scheme in the document's components.</summary>
    public const string BearerScheme = "Bearer";

    public const string Description =
        "API của hệ thống theo dõi Kế hoạch 20/KH-UBND về công tác thông tin, tuyên truyền của tỉnh Thái Nguyên: hệ thống " +
        "của các cơ quan, đơn vị (trang tin, hệ thống quản lý nội dung của báo, đài) gửi hoạt động tuyên truyền đã thực hiện, " +
        "hệ thống thông tin báo cáo của tỉnh lấy số liệu chỉ tiêu của kỳ.\n\n" +
        "**Xác thực**: mỗi yêu cầu gửi mã truy cập trong tiêu đề `Authorization: Bearer cpt_…`. Quản trị viên hoặc cán bộ " +
        "đơn vị tạo mã ở trang **Mã truy cập API** (/tokens); mã chỉ hiện một lần. Mã của một đơn vị chỉ đọc và ghi dữ liệu " +
        "của đơn vị đó; mã cấp tỉnh chỉ được đọc.\n\n" +
        "**Dữ liệu**: JSON, tên trường dạng camelCase; danh mục (kênh, mục tiêu, nội dung, đơn vị) được gọi bằng mã như " +
        "trong tệp nhập Excel, ví dụ kênh `BAO`, mục tiêu `MĐ1`, đơn vị `BAOTN`.\n\n" +
        "**Lỗi**: theo RFC 9457 (`application/problem+json`) với thông báo tiếng Việt; lỗi dữ liệu (422) liệt kê thông " +
        "báo của từng trường trong `errors`.";

    /// <summary>The OpenAPI document of /api/v1 and the transformers that make it complete.</summary>
    public static IServiceCollection AddCommsPlanOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            options.ShouldInclude = description => IsApiV1(description.RelativePath);
            options.AddOperationTransformer<ApiOperationTransformer>();
            options.AddDocumentTransformer<ApiDocumentTransformer>();
        });

    /// <summary>`GET /openapi/v1.json`, open to anyone (declared so in the authorization matrix).</summary>
    public static IEndpointConventionBuilder MapApiDocument(this IEndpointRouteBuilder app) =>
        app.MapOpenApi(Path).AllowAnonymous();

    /// <summary>An API description's path ("api/v1/activities/{id}", no leading slash) is under /api/v1.</summary>
    internal static bool IsApiV1(string? relativePath) =>
        relativePath is not null && ("/" + relativePath.TrimStart('/') + "/").StartsWith(ApiV1.Prefix + "/", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The document's frame: title, Vietnamese description, a relative server (the document is valid on whatever address
/// the app is reached at, behind a proxy too), and the bearer scheme required by every operation.
/// </summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo { Title = ApiDocument.Title, Version = ApiDocument.Name, Description = ApiDocument.Description };
        document.Servers = [new OpenApiServer { Url = "/", Description = "Máy chủ đang phục vụ tài liệu này" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiDocument.BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "cpt_…",
            Description = "Mã truy cập API tạo ở trang Mã truy cập API (/tokens), gửi trong tiêu đề Authorization: Bearer <mã>.",
        };
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocument.BearerScheme, document)] = [] },
            ];
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// Each operation's responses described in Vietnamese where the endpoint left the framework's English reason phrase,
/// and the examples endpoints attach with <see cref="ApiExamples.WithExample{TBuilder}"/> and its siblings.
/// </summary>
internal sealed class ApiOperationTransformer(Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    : IOpenApiOperationTransformer
{
    /// <summary>What each status means in this API, for a reader of the reference page.</summary>
    internal static readonly IReadOnlyDictionary<int, string> StatusDescriptions = new Dictionary<int, string>
    {
        [StatusCodes.Status200OK] = "Thành công.",
        [StatusCodes.Status201Created] = "Đã tạo; tiêu đề Location chỉ tới bản ghi mới.",
        [StatusCodes.Status204NoContent] = "Thành công, không có nội dung trả về.",
        [StatusCodes.Status400BadRequest] = "Yêu cầu sai định dạng (JSON hoặc tham số không đọc được).",
        [StatusCodes.Status401Unauthorized] = "Chưa xác thực: thiếu mã truy cập, mã sai, đã hết hạn hoặc đã bị thu hồi.",
        [StatusCodes.Status403Forbidden] = "Không có quyền: mã truy cập không có phạm vi ghi, hoặc bản ghi thuộc đơn vị khác.",
        [StatusCodes.Status404NotFound] = "Không tìm thấy, hoặc bản ghi không thuộc phạm vi của mã truy cập.",
        [StatusCodes.Status409Conflict] = "Vi phạm quy tắc của kế hoạch (ví dụ kỳ báo cáo đã khóa).",
        [StatusCodes.Status412PreconditionFailed] = "Phiên bản trong If-Match đã cũ: bản ghi vừa được sửa (changedBy, changedAt cho biết ai, lúc nào).",
        [StatusCodes.Status422UnprocessableEntity] = "Dữ liệu không hợp lệ: errors liệt kê thông báo của từng trường.",
        [StatusCodes.Status428PreconditionRequired] = "Thiếu tiêu đề If-Match với phiên bản của bản ghi.",
        [StatusCodes.Status429TooManyRequests] = "Quá nhiều yêu cầu với mã truy cập này: chờ theo Retry-After rồi gửi lại.",
        [StatusCodes.Status503ServiceUnavailable] = "Cơ sở dữ liệu tạm thời không sẵn sàng: gửi lại sau số giây trong Retry-After.",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (code, response) in operation.Responses ?? [])
        {
            if (response is OpenApiResponse concrete && int.TryParse(code, out var status) && StatusDescriptions.TryGetValue(status, out var text)
                && (string.IsNullOrEmpty(concrete.Description) || concrete.Description == ReasonPhrases.GetReasonPhrase(status)))
                concrete.Description = text;
        }

        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        foreach (var example in metadata.OfType<ApiExample>())
        {
            var value = JsonSerializer.SerializeToNode(example.Value, example.Value.GetType(), json.Value.SerializerOptions);
            var content = example.StatusCode is { } status
                ? (operation.Responses?.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true ? response.Content : null)
                : operation.RequestBody?.Content;
            if (content is null || !content.TryGetValue("application/json", out var media) || media is not OpenApiMediaType mediaType)
                throw new InvalidOperationException(
                    $"{context.Description.HttpMethod} /{context.Description.RelativePath}: an example for {(example.StatusCode is { } s ? $"response {s}" : "the request body")} " +
                    "but the operation declares no JSON content there.");
            mediaType.Example = value;
        }
        foreach (var example in metadata.OfType<ApiParameterExample>())
        {
            if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => string.Equals(p.Name, example.Name, StringComparison.OrdinalIgnoreCase))
                is not { } parameter)
                throw new InvalidOperationException(
                    $"{context.Description.HttpMethod} /{context.Description.RelativePath}: an example for parameter {example.Name}, which the operation does not have.");
            parameter.Example = JsonSerializer.SerializeToNode(example.Value, example.Value.GetType(), json.Value.SerializerOptions);
        }
        return Task.CompletedTask;
    }
}
