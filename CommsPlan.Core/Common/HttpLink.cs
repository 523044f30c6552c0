namespace CommsPlan.Core.Common;

/// <summary>Links users paste as evidence or to a document: only absolute http(s) addresses are stored.</summary>
public static class HttpLink
{
    public static bool IsValid(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}
