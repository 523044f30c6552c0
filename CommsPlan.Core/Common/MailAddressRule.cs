using System.Net.Mail;

namespace CommsPlan.Core.Common;

/// <summary>One rule for a mailbox address, wherever one is typed (a user's email, an agency's contact, Mail:From).</summary>
public static class MailAddressRule
{
    /// <summary>A bare address "name@domain.tld": no display name, no list, a dot in the domain.</summary>
    public static bool IsValid(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        var value = text.Trim();
        if (value.Length > 254 || value.Any(c => char.IsWhiteSpace(c) || c is ',' or ';' or '<' or '>')) return false;
        if (!MailAddress.TryCreate(value, out var address) || !string.Equals(address.Address, value, StringComparison.Ordinal)) return false;
        var at = value.LastIndexOf('@');
        var domain = value[(at + 1)..];
        return at > 0 && domain.Contains('.') && !domain.StartsWith('.') && !domain.EndsWith('.');
    }
}
