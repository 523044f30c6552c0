using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Core.Data;

/// <summary>
/// The <c>DataProtection</c> settings: the certificate (a PKCS#12 file with its private key) that encrypts the key ring
/// at rest, and the certificates it replaced, kept only to read keys they encrypted.
/// </summary>
public sealed class KeyRingSettings
{
    public const string Section = "DataProtection";

    public string? CertificatePath { get; set; }

    /// <summary>Given through the environment (<c>DataProtection__CertificatePassword</c>), never in a file.</summary>
    public string? CertificatePassword { get; set; }

    public List<PreviousCertificate> PreviousCertificates { get; set; } = [];

    public bool HasCertificate => !string.IsNullOrWhiteSpace(CertificatePath);

    public sealed class PreviousCertificate
    {
        public string? Path { get; set; }
        public string? Password { get; set; }
    }
}

/// <summary>A certificate setting that cannot be used: the app stops with this one line.</summary>
public sealed class KeyRingSettingsException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The Data Protection key ring (it signs and encrypts sign-in cookies, sessions and antiforgery tokens) lives in the
/// app database so that every instance reads the same keys. Stored as they are, the keys would sit in plain text in
/// every backup copied elsewhere, and whoever holds a backup could forge an administrator's cookie; so each key is
/// encrypted with a certificate that lives outside the database, and a backup alone yields no usable key.
/// </summary>
public static class KeyRing
{
    public const string ApplicationName = "CommsPlan";

    /// <summary>
    /// Data Protection on the database's key ring; keys encrypted with the configured certificate, and readable with
    /// it or any previous one. Without a certificate the keys are stored unencrypted (allowed in demo mode only; the
    /// host decides and warns).
    /// </summary>
    /// <exception cref="KeyRingSettingsException">A certificate is configured but cannot be read or has no private key.</exception>
    public static IDataProtectionBuilder AddCommsPlanDataProtection(this IServiceCollection services, KeyRingSettings settings)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<CommsPlanDbContext>();
        if (!settings.HasCertificate) return builder;

        var current = Load(settings.CertificatePath!, settings.CertificatePassword, $"{KeyRingSettings.Section}:CertificatePath");
        var previous = settings.PreviousCertificates
            .Where(p => !string.IsNullOrWhiteSpace(p.Path))
            .Select((p, i) => Load(p.Path!, p.Password, $"{KeyRingSettings.Section}:PreviousCertificates:{i}:Path"));
        // On Linux the decryptor does not look in a certificate store it could use: it is given the certificates.
        return builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    /// <summary>
    /// Deletes the keys stored unencrypted (written before a certificate was configured), so that the database, and the
    /// backups taken from now on, hold no key a reader could use without the certificate. Cookies and forms protected
    /// with those keys stop working: their users sign in again once. Run at start-up, before any key is read.
    /// Returns the number of keys deleted.
    /// </summary>
    public static async Task<int> RemoveUnencryptedKeysAsync(IDbContextFactory<CommsPlanDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var stored = await db.DataProtectionKeys.ToListAsync(ct);
        // A key element carries its secret either as <encryptedSecret> or in the clear; revocations carry none.
        var plain = stored.Where(k => k.Xml is { } xml && xml.StartsWith("<key", StringComparison.Ordinal)
            && !xml.Contains("<encryptedSecret", StringComparison.Ordinal)).ToList();
        if (plain.Count == 0) return 0;
        db.DataProtectionKeys.RemoveRange(plain);
        await db.SaveChangesAsync(ct);
        return plain.Count;
    }

    private static X509Certificate2 Load(string path, string? password, string setting)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new KeyRingSettingsException($"{setting}: cannot read the certificate \"{path}\" ({ex.Message.TrimEnd('.')}); "
                + $"check the file and {KeyRingSettings.Section}__CertificatePassword.", ex);
        }
        if (!certificate.HasPrivateKey)
            throw new KeyRingSettingsException($"{setting}: the certificate \"{path}\" has no private key; export it as a .pfx with its key.");
        return certificate;
    }
}
