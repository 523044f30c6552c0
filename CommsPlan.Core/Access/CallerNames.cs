namespace CommsPlan.Core.Access;

/// <summary>
/// How a caller that is not a person is named where people are named (the audit log, "Người tạo"): an API token writes
/// under "api:&lt;token name&gt;", shown as "Mã truy cập: &lt;token name&gt;". Here, in the shared layer, so the places that
/// look people up (IssuingBodies, the audit log) need not know the API feature.
/// </summary>
public static class CallerNames
{
    /// <summary>What the user name of a token's writes starts with; account names cannot contain ':'.</summary>
    public const string ApiTokenPrefix = "api:";

    public static bool IsApiToken(string? userName) => userName?.StartsWith(ApiTokenPrefix, StringComparison.Ordinal) == true;

    /// <summary>"api:CMS Báo Thái Nguyên" → "Mã truy cập: CMS Báo Thái Nguyên"; any other name as it is.</summary>
    public static string Display(string userName) =>
        IsApiToken(userName) ? "Mã truy cập: " + userName[ApiTokenPrefix.Length..] : userName;
}
