using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Api;

/// <summary>
/// The rules of a new token, for the /tokens form (field by field) and <see cref="ApiTokenService.CreateAsync"/> alike.
/// Who may create which token is not a rule of the input but of the caller (<see cref="ApiTokenRules.RequireMayCreate"/>).
/// Its rules read the database (the agency, the names already in use), so it is asynchronous only.
/// </summary>
public sealed class ApiTokenInputValidator : AbstractValidator<ApiTokenInput>
{
    /// <summary>On-screen labels, shared with the form so a message points at what the user sees.</summary>
    public static class Labels
    {
        public const string Name = "Tên mã truy cập";
        public const string Agency = "Đơn vị";
        public const string Scopes = "Quyền";
        public const string ExpiresOn = "Hiệu lực đến hết ngày";
    }

    public ApiTokenInputValidator(IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(x => x.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage($"Vui lòng nhập {Labels.Name.ToLowerInvariant()} (ví dụ CMS Báo Thái Nguyên).")
            .Must(n => n.Trim().Length <= ApiTokenLimits.NameMaxLength)
            .WithMessage($"{Labels.Name} tối đa {ApiTokenLimits.NameMaxLength} ký tự.")
            .MustAsync(async (x, name, ct) => !await NameInUseAsync(factory, time, x.AgencyId, name, ct))
            .WithMessage(x => x.AgencyId is null
                ? $"Đã có mã truy cập toàn tỉnh còn hiệu lực tên «{x.Name.Trim()}». Vui lòng đặt tên khác."
                : $"Đơn vị đã có mã truy cập còn hiệu lực tên «{x.Name.Trim()}». Vui lòng đặt tên khác.");

        RuleFor(x => x.AgencyId)
            .MustAsync(async (id, ct) => id is null || await AgencyStandsAsync(factory, id.Value, ct))
            .WithMessage($"{Labels.Agency} không có trong danh mục hoặc đã ngừng hoạt động, sáp nhập.");

        RuleFor(x => x.Scopes)
            .Must(s => s != ApiScopes.None && (s & ~(ApiScopes.Read | ApiScopes.Write)) == 0)
            .WithMessage($"Vui lòng chọn {Labels.Scopes.ToLowerInvariant()}: chỉ đọc, hoặc đọc và ghi.")
            .Must((x, s) => x.AgencyId is not null || !s.HasFlag(ApiScopes.Write))
            .WithMessage("Mã truy cập toàn tỉnh chỉ được đọc: hãy chọn quyền «Đọc».");

        RuleFor(x => x.ExpiresOn)
            .Must(d => d > time.Today())
            .WithMessage(_ => $"{Labels.ExpiresOn} phải sau hôm nay ({VietnameseFormat.Date(time.Today())}).")
            .Must(d => d <= time.Today().AddYears(ApiTokenRules.MaxLifetimeYears))
            .WithMessage(_ => $"{Labels.ExpiresOn} tối đa {ApiTokenRules.MaxLifetimeYears} năm kể từ hôm nay " +
                $"(đến {VietnameseFormat.Date(time.Today().AddYears(ApiTokenRules.MaxLifetimeYears))}).");
    }

    /// <summary>
    /// Whether the agency (or the province) already has a usable token of that name: two live tokens of one name could
    /// not be told apart in the history, where writes carry the name. A revoked or expired token frees its name.
    /// </summary>
    private static async Task<bool> NameInUseAsync(
        IDbContextFactory<CommsPlanDbContext> factory, TimeProvider time, int? agencyId, string name, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        // An agency holds a handful of tokens: comparing in memory folds case the same way on both engines.
        var names = await db.ApiTokens.AsNoTracking()
            .Where(t => t.AgencyId == agencyId && t.RevokedAt == null && t.ExpiresAt > now)
            .Select(t => t.Name).ToListAsync(ct);
        return names.Any(n => string.Equals(n.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<bool> AgencyStandsAsync(IDbContextFactory<CommsPlanDbContext> factory, int agencyId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Agencies.AsNoTracking().AnyAsync(a => a.Id == agencyId && a.IsActive && a.SuccessorId == null, ct);
    }
}
