using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsPlan.Core.Administration;

/// <summary>
/// A signed-in user changes their own password ("Đổi mật khẩu"): the current one proves it is them, the new one passes
/// the same rules as an administrator's (Identity's options and <see cref="PasswordRules"/>), and it must differ from
/// the current one. The change clears a forced change (<see cref="AppUser.MustChangePassword"/>), renews the security
/// stamp and ends every other session of the user in the same transaction, then tells their open pages; the caller
/// signs the browser that made the change in again, which renews its session with the new stamp and claims.
/// </summary>
public sealed class PasswordChangeService(
    IDbContextFactory<CommsPlanDbContext> factory,
    IServiceScopeFactory scopes,
    IValidator<PasswordChangeInput> validator,
    TimeProvider time,
    SessionRevocations revocations)
{
    public const string WrongCurrentPasswordMessage = "Mật khẩu hiện tại không đúng.";

    /// <param name="sessionKey">The session of the browser making the change (<see cref="UserSessions.SessionClaim"/>): it stays.</param>
    public async Task ChangeAsync(CurrentUser actor, PasswordChangeInput input, string? sessionKey, CancellationToken ct = default)
    {
        await validator.ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == actor.UserId, ct) ?? throw new NotFoundException();
        if (user.PasswordHash is null
            || users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, input.CurrentPassword) == PasswordVerificationResult.Failed)
            throw UserAdminService.Invalid(nameof(PasswordChangeInput.CurrentPassword), WrongCurrentPasswordMessage);
        await UserAdminService.CheckPasswordAsync(users, user, input.NewPassword, nameof(PasswordChangeInput.NewPassword));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, input.NewPassword);
        user.SecurityStamp = UserAdminService.NewStamp(); // every session signed in with the old password ends
        user.MustChangePassword = false;
        await UserAdminService.SaveAsync(db, user, ct);
        await UserSessions.EndOthersAsync(db, user.Id, sessionKey, ct);
        await transaction.CommitAsync(ct);
        revocations.Publish(user.Id);
    }
}
