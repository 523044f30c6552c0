using System.Reflection;
using CommsPlan.Core.Access;
using CommsPlan.Core.Administration;
using CommsPlan.Tests.Support;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Tests.Core.Access;

/// <summary>The password rules, as Identity applies them to every password set and as the account forms say them.</summary>
public sealed class PasswordRulesTests : IAsyncLifetime
{
    private AccessTestServices _app = null!;

    public async Task InitializeAsync() => _app = await AccessTestServices.CreateAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("Password1!")]
    [InlineData("Thainguyen@2021")]
    [InlineData("Thái Nguyên@2021")]
    [InlineData("P@ssw0rd2024")]
    [InlineData("Qwerty@12345")]
    [InlineData("Dragon@15081990")]
    [InlineData("@123Password")]
    [InlineData("Matkhau@123")]
    [InlineData("Iloveyou!!2021")]
    [InlineData("1qaz2wsx3edc")]
    public void CommonPasswordsAreRefusedWhateverTheDigitsAndSymbolsAroundThem(string password) =>
        Assert.True(PasswordRules.IsCommon(password), password);

    [Theory]
    [InlineData("Hoa-sen#Tim42")]
    [InlineData("Khoidau@2021")]
    [InlineData("Monkey#83746582")]
    [InlineData("Ca phe sua da luc 7 gio!")]
    [InlineData("Quantri@2026x")]
    public void PasswordsNotBuiltOnACommonOneAreAccepted(string password) =>
        Assert.False(PasswordRules.IsCommon(password), password);

    [Fact]
    public void TheListHoldsTheCommonPasswordsAndTheLocalWords() =>
        Assert.InRange(PasswordRules.ListedCount, 5000, 5200);

    [Fact]
    public async Task IdentityRefusesEachRuleInVietnamese()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var tooShort = await users.CreateAsync(new AppUser { UserName = "ngan.qua", FullName = "Ngắn" }, "Ab#12345x");
        var common = await users.CreateAsync(new AppUser { UserName = "pho.bien", FullName = "Phổ biến" }, "Password1!");
        var tooLong = await users.CreateAsync(new AppUser { UserName = "dai.qua", FullName = "Dài" }, "Aa#1" + new string('x', 4996));
        var ownName = await users.CreateAsync(new AppUser { UserName = "tenminh", FullName = "Tên mình" }, "Tenminh#4821");

        Assert.Equal(["Mật khẩu phải có ít nhất 10 ký tự."], tooShort.Errors.Select(e => e.Description));
        Assert.Equal([PasswordRules.CommonMessage], common.Errors.Select(e => e.Description));
        Assert.Equal(["Mật khẩu dài tối đa 128 ký tự."], tooLong.Errors.Select(e => e.Description));
        Assert.Equal([PasswordRules.ContainsUserNameMessage], ownName.Errors.Select(e => e.Description));
        Assert.True((await users.CreateAsync(new AppUser { UserName = "hop.le", FullName = "Hợp lệ" }, "Hoa-sen#Tim42")).Succeeded);
    }

    [Fact]
    public async Task AnAdministratorCannotSetAWeakCommonOrFiveThousandCharacterPassword()
    {
        var service = _app.Get<UserAdminService>();
        var admin = await _app.UserAsync("admin");
        var lanhdao = await service.GetAsync(admin, (await _app.UserAsync("lanhdao")).UserId);

        async Task<string> RefusalAsync(string password)
        {
            var ex = await Assert.ThrowsAsync<ValidationException>(() => service.ResetPasswordAsync(admin, lanhdao.Id,
                new PasswordResetInput { NewPassword = password, ConfirmPassword = password, ConcurrencyStamp = lanhdao.ConcurrencyStamp }));
            return Assert.Single(ex.Errors).ErrorMessage;
        }

        Assert.Equal(PasswordRules.CommonMessage, await RefusalAsync("Password1!"));
        Assert.Equal(PasswordRules.CommonMessage, await RefusalAsync("Thainguyen@2021"));
        Assert.Equal("Mật khẩu dài tối đa 128 ký tự.", await RefusalAsync("Aa#1" + new string('x', 4996)));
        Assert.Equal("Mật khẩu phải có ít nhất 10 ký tự.", await RefusalAsync("Ab#12345x"));
        var create = await Assert.ThrowsAsync<ValidationException>(() => service.CreateAsync(admin, new NewUserInput
        {
            UserName = "vanthu", FullName = "Văn thư", Role = Roles.Viewer, Password = "Vanthu#2021x",
        }));
        Assert.Contains(create.Errors, e => e.ErrorMessage == PasswordRules.ContainsUserNameMessage);
    }

    [Fact]
    public async Task TheDemoAccountsKeepTheirPublishedPassword()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        foreach (var (userName, _, _, _) in AccountSeeder.DemoAccounts)
            Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync(userName))!, AccountSeeder.DemoPassword), userName);
    }

    [Fact]
    public void EveryIdentityMessageIsOverriddenInVietnamese()
    {
        var describer = typeof(IdentityErrorDescriber).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.IsVirtual && m.ReturnType == typeof(IdentityError) && m.DeclaringType == typeof(IdentityErrorDescriber));
        var notOverridden = describer.Where(m => typeof(VietnameseIdentityErrorDescriber)
            .GetMethod(m.Name, [.. m.GetParameters().Select(p => p.ParameterType)])!.DeclaringType != typeof(VietnameseIdentityErrorDescriber));

        Assert.Empty(notOverridden.Select(m => m.Name));
    }

    [Fact]
    public async Task AUserNameEndingInALineBreakCannotBeCreated()
    {
        var service = _app.Get<UserAdminService>();
        var admin = await _app.UserAsync("admin");

        foreach (var name in new[] { "giamsat\n", "giam\nsat", "giamsat\r", "gi\u202Eamsat" })
        {
            var ex = await Assert.ThrowsAsync<ValidationException>(() => service.CreateAsync(admin, new NewUserInput
            {
                UserName = name, FullName = "Giả mạo", Role = Roles.Viewer, Password = "Hoa-sen#Tim42",
            }));
            Assert.Contains(ex.Errors, e => e.PropertyName == nameof(NewUserInput.UserName));
        }
    }
}
