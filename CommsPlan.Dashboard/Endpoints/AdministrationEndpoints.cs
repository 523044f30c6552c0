using CommsPlan.Core.Access;
using CommsPlan.Core.Administration;

namespace CommsPlan.Dashboard.Endpoints;

internal static class AdministrationEndpoints
{
    private const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string TemplatePath = "/api/admin/accounts/template.xlsx";

    /// <summary>The one-time password workbook of an account import, by the ticket the import returned.</summary>
    public static string PasswordSheetUrl(string ticket) => $"/api/admin/accounts/passwords/{Uri.EscapeDataString(ticket)}";

    /// <summary>
    /// `GET /api/admin/accounts/template.xlsx`: the empty account workbook with the roles and agency codes.
    /// `GET /api/admin/accounts/passwords/{ticket}`: the one-time passwords of the accounts just created, once, to the
    /// administrator who created them; a second request is refused (410), as is anyone else's.
    /// </summary>
    public static void MapAdministrationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(TemplatePath, async (HttpContext context, AccountImportService import, CancellationToken ct) =>
                TypedResults.File(await import.CreateTemplateAsync(context.User.ToCurrentUser(), ct), XlsxContentType, "Mau-nhap-tai-khoan.xlsx"))
            .RequireAuthorization(Policies.Administration);
        app.MapGet("/api/admin/accounts/passwords/{ticket}", (HttpContext context, OneTimeDownloads downloads, string ticket) =>
            {
                context.Response.Headers.CacheControl = "no-store";
                if (downloads.Take(context.User.ToCurrentUser().UserId, ticket) is not { } file)
                {
                    return (IResult)TypedResults.Text($"Tệp mật khẩu chỉ tải được một lần, trong {OneTimeDownloads.Lifetime.TotalMinutes:0} phút sau khi tạo tài khoản, và chỉ bởi "
                        + "quản trị viên đã tạo. Nếu cần, hãy đặt lại mật khẩu của từng tài khoản.", "text/plain; charset=utf-8",
                        statusCode: StatusCodes.Status410Gone);
                }
                return TypedResults.File(file.Content, XlsxContentType, file.FileName);
            })
            .RequireAuthorization(Policies.Administration);
    }
}
