using System.Security.Cryptography;
using CommsPlan.Core;
using CommsPlan.Core.Data;
using CommsPlan.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Core.Data;

/// <summary>
/// The key ring lives in the database, so every app instance on it reads what another protected (cookies); each key is
/// encrypted with a certificate kept outside the database, so a copy of the database alone protects nothing.
/// </summary>
public abstract class DataProtectionKeyTests(DatabaseProvider provider) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "commsplan-keys", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ASecondInstanceOnTheSameDatabaseUnprotectsWhatTheFirstProtected()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = WithCertificate(TestCertificates.Create(_folder));
        await using var first = Instance(database, settings);
        await using var second = Instance(database, settings);

        var token = first.GetDataProtector("cookies").Protect("phiên đăng nhập");

        Assert.Equal("phiên đăng nhập", second.GetDataProtector("cookies").Unprotect(token));
        await using var db = database.CreateContext();
        Assert.Single(await db.DataProtectionKeys.ToListAsync());
    }

    [Fact]
    public async Task ABackupOfTheDatabaseAloneYieldsNoUsableKey()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = WithCertificate(TestCertificates.Create(_folder));
        await using var app = Instance(database, settings);
        var cookie = app.GetDataProtector("cookies").Protect("quản trị");

        // What a backup holds: the key ring's rows, with no certificate.
        await using var db = database.CreateContext();
        var stored = Assert.Single(await db.DataProtectionKeys.ToListAsync());
        Assert.Contains("<encryptedSecret", stored.Xml);
        Assert.DoesNotContain("<masterKey", stored.Xml);
        await using var thief = Instance(database, new KeyRingSettings());

        Assert.ThrowsAny<CryptographicException>(() => thief.GetDataProtector("cookies").Unprotect(cookie));
        Assert.Equal("quản trị", app.GetDataProtector("cookies").Unprotect(cookie));
    }

    [Fact]
    public async Task KeysEncryptedWithAPreviousCertificateStayReadableAfterRotation()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var old = TestCertificates.Create(_folder, "old");
        var token = Protect(database, WithCertificate(old), "phiên cũ");

        var rotated = WithCertificate(TestCertificates.Create(_folder, "new"));
        rotated.PreviousCertificates.Add(new() { Path = old, Password = TestCertificates.Password });
        await using var after = Instance(database, rotated);

        Assert.Equal("phiên cũ", after.GetDataProtector("cookies").Unprotect(token));
        // Without the old certificate the old key cannot be read.
        await using var forgetful = Instance(database, WithCertificate(TestCertificates.Create(_folder, "other")));
        Assert.ThrowsAny<CryptographicException>(() => forgetful.GetDataProtector("cookies").Unprotect(token));
    }

    [Fact]
    public async Task KeysStoredUnencryptedBeforeACertificateWasSetAreDeletedAndEncryptedOnesKept()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var plainToken = Protect(database, new KeyRingSettings(), "không mã hóa");
        var certificate = WithCertificate(TestCertificates.Create(_folder));

        Assert.Equal(1, await KeyRing.RemoveUnencryptedKeysAsync(database.Factory));

        await using var app = Instance(database, certificate);
        Assert.ThrowsAny<CryptographicException>(() => app.GetDataProtector("cookies").Unprotect(plainToken));
        var token = app.GetDataProtector("cookies").Protect("mã hóa");
        Assert.Equal(0, await KeyRing.RemoveUnencryptedKeysAsync(database.Factory));
        await using var again = Instance(database, certificate);
        Assert.Equal("mã hóa", again.GetDataProtector("cookies").Unprotect(token));
    }

    [Fact]
    public void ACertificateThatCannotBeUsedStopsWithOneLineNamingTheSetting()
    {
        var pfx = TestCertificates.Create(_folder);
        var wrongPassword = new KeyRingSettings { CertificatePath = pfx, CertificatePassword = "sai" };
        var missing = new KeyRingSettings { CertificatePath = Path.Combine(_folder, "none.pfx") };
        var withoutKey = new KeyRingSettings { CertificatePath = TestCertificates.PublicOnly(pfx) };

        foreach (var settings in new[] { wrongPassword, missing, withoutKey })
        {
            var error = Assert.Throws<KeyRingSettingsException>(() => new ServiceCollection().AddCommsPlanDataProtection(settings));
            Assert.StartsWith("DataProtection:CertificatePath:", error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
    }

    private static KeyRingSettings WithCertificate(string path) =>
        new() { CertificatePath = path, CertificatePassword = TestCertificates.Password };

    private static string Protect(TestDatabase database, KeyRingSettings settings, string text)
    {
        using var instance = Instance(database, settings);
        return instance.GetDataProtector("cookies").Protect(text);
    }

    // As the app registers it (WebHardening): the application name, the keys in CommsPlanDbContext, the certificate.
    private static ServiceProvider Instance(TestDatabase database, KeyRingSettings settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCommsPlanCore(database.ConnectionString, database.Provider);
        services.AddCommsPlanDataProtection(settings);
        return services.BuildServiceProvider();
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    public sealed class OnSqlite() : DataProtectionKeyTests(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : DataProtectionKeyTests(DatabaseProvider.PostgreSQL), IOnPostgreSql;
}
