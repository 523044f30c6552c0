using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CommsPlan.Tests.Support;

/// <summary>Self-signed certificates with their private keys, as .pfx files, for the key ring's encryption.</summary>
public static class TestCertificates
{
    public const string Password = "mật-khẩu-chứng-chỉ";

    /// <summary>Writes a new certificate to <paramref name="folder"/> and returns the file's path.</summary>
    public static string Create(string folder, string name = "keys", string? password = Password)
    {
        Directory.CreateDirectory(folder);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=CommsPlan test {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, $"{name}-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    /// <summary>
    /// The certificate of an app's data folder, made at the first call: apps started again on the same folder (a restart)
    /// read the keys the earlier ones wrote.
    /// </summary>
    public static string OfFolder(string folder)
    {
        lock (Gate)
        {
            var path = Path.Combine(folder, "keys.pfx");
            if (!File.Exists(path)) File.Move(Create(folder), path);
            return path;
        }
    }

    private static readonly Lock Gate = new();

    /// <summary>The public part only, as a .cer file: no private key to decrypt with.</summary>
    public static string PublicOnly(string pfxPath, string? password = Password)
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(pfxPath, password);
        var path = Path.ChangeExtension(pfxPath, ".cer");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Cert));
        return path;
    }
}
