using CommsPlan.Core.Access;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace CommsPlan.Core.Administration;

/// <summary>
/// Agencies change (renamed, merged, dissolved); administrators keep the list true. Records already logged keep
/// the agency they were logged under, so history never moves; only officers and new records follow a merge.
/// </summary>
public sealed class AgencyAdminService(
    IDbContextFactory<CommsPlanDbContext> factory,
    IValidator<NewAgencyInput> newValidator,
    IValidator<AgencyEditInput> editValidator,
    IValidator<AgencyMergeInput> mergeValidator,
    IValidator<AgencyDocumentInput> documentValidator,
    TimeProvider time)
{
    public async Task<AgencyListResult> ListAsync(CurrentUser actor, AgencyQuery query, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        var agencies = db.Agencies.AsNoTracking();
        agencies = agencies.WhereMatches(a => a.SearchKey, query.Search);
        agencies = query.Status switch
        {
            AgencyStatusFilter.Active => agencies.Where(a => a.IsActive),
            AgencyStatusFilter.Inactive => agencies.Where(a => !a.IsActive),
            _ => agencies,
        };
        var total = await agencies.CountAsync(ct);
        agencies = (query.SortBy, query.SortDescending) switch
        {
            (AgencySort.Code, false) => agencies.OrderBy(a => a.Code),
            (AgencySort.Code, true) => agencies.OrderByDescending(a => a.Code),
            (AgencySort.Name, false) => agencies.OrderBy(a => a.Name),
            (AgencySort.Name, true) => agencies.OrderByDescending(a => a.Name),
            (AgencySort.Kind, false) => agencies.OrderBy(a => a.Kind).ThenBy(a => a.SortOrder),
            (AgencySort.Kind, true) => agencies.OrderByDescending(a => a.Kind).ThenBy(a => a.SortOrder),
            (_, true) => agencies.OrderByDescending(a => a.SortOrder).ThenByDescending(a => a.Id),
            _ => agencies.OrderBy(a => a.SortOrder).ThenBy(a => a.Id),
        };
        var page = await Project(db, agencies.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 200))).ToListAsync(ct);
        return new AgencyListResult(page, total);
    }

    public async Task<AgencyRow> GetAsync(CurrentUser actor, int agencyId, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Project(db, db.Agencies.AsNoTracking().Where(a => a.Id == agencyId)).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException();
    }

    /// <summary>Active agencies, in the plan's order: what an officer can be bound to or an agency merged into.</summary>
    public async Task<IReadOnlyList<AgencyOption>> ListActiveAsync(CurrentUser actor, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.SortOrder).ThenBy(a => a.Id)
            .Select(a => new AgencyOption(a.Id, a.Code, a.Name)).ToListAsync(ct);
    }

    /// <summary>The accounts bound to an agency (its officers), which a merge moves to the successor.</summary>
    public async Task<IReadOnlyList<AgencyOfficer>> ListOfficersAsync(CurrentUser actor, int agencyId, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.AgencyId == agencyId).OrderBy(u => u.UserName)
            .Select(u => new AgencyOfficer(u.Id, u.UserName ?? "", u.FullName)).ToListAsync(ct);
    }

    public async Task<int> CreateAsync(CurrentUser actor, NewAgencyInput input, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await newValidator.ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        var code = input.Code.Trim().ToUpperInvariant();
        if (await db.Agencies.AnyAsync(a => a.Code == code, ct))
            throw Invalid(nameof(NewAgencyInput.Code), $"Mã {code} đã được dùng cho một đơn vị khác (kể cả đơn vị đã ngừng hoạt động).");
        var name = input.Name.Trim();
        await EnsureNameFreeAsync(db, name, exceptId: null, ct);
        var agency = new Agency
        {
            Code = code,
            Name = name,
            Kind = input.Kind,
            IsActive = true,
            ValidFrom = time.Today(),
            SortOrder = (await db.Agencies.MaxAsync(a => (int?)a.SortOrder, ct) ?? 0) + 1,
        };
        db.Agencies.Add(agency);
        await db.SaveChangesAsync(ct);
        return agency.Id;
    }

    /// <summary>Renames (or re-classifies) the agency. Its records follow, since they refer to it by id.</summary>
    public async Task UpdateAsync(CurrentUser actor, int agencyId, AgencyEditInput input, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await editValidator.ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        var agency = await LoadAsync(db, agencyId, input.Version, ct);
        var name = input.Name.Trim();
        await EnsureNameFreeAsync(db, name, agency.Id, ct);
        agency.Name = name;
        agency.Kind = input.Kind;
        await SaveAsync(db, agency, ct);
    }

    /// <summary>How the agency's documents are headed and signed and its mailbox, with its version for the edit form.</summary>
    public async Task<AgencyDocumentInput> GetDocumentAsync(CurrentUser actor, int agencyId, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agencyId, ct) ?? throw new NotFoundException();
        return AgencyDocumentInput.From(IssuingBody.Of(agency), agency.Version);
    }

    /// <summary>Saves the agency's document header, signer and mailbox; every paper it issues from now on uses them.</summary>
    public async Task UpdateDocumentAsync(CurrentUser actor, int agencyId, AgencyDocumentInput input, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await documentValidator.ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        var agency = await LoadAsync(db, agencyId, input.Version, ct);
        agency.IssuerSuperior = Lines(input.IssuerSuperior);
        agency.IssuerName = Lines(input.IssuerName);
        agency.DocumentStyle = input.DocumentStyle;
        agency.DocumentSymbol = input.DocumentSymbol.Trim();
        agency.DocumentPlace = input.DocumentPlace.Trim();
        agency.SignerTitle = Lines(input.SignerTitle);
        agency.SignerName = input.SignerName.Trim();
        agency.ContactEmail = input.ContactEmail.Trim();
        await SaveAsync(db, agency, ct);
    }

    /// <summary>Each line trimmed, empty lines dropped, "\r\n" from a browser's textarea read as "\n".</summary>
    private static string Lines(string text) => string.Join('\n', AgencyRuleExtensions.NonEmptyLines(text));

    /// <summary>
    /// The agency stops working from <paramref name="effectiveOn"/> (default today; ValidTo becomes the day before).
    /// Refused while officers are still bound to it: move them, or merge the agency into the one taking over its work.
    /// </summary>
    public async Task DeactivateAsync(CurrentUser actor, int agencyId, DateOnly? effectiveOn, long version, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        var agency = await LoadAsync(db, agencyId, version, ct);
        if (!agency.IsActive) throw new BusinessRuleException($"{agency.Name} đã ngừng hoạt động.");
        var day = CheckEffectiveDay(agency, effectiveOn ?? time.Today());
        var officers = await db.Users.CountAsync(u => u.AgencyId == agency.Id, ct);
        if (officers > 0)
            throw new BusinessRuleException(
                $"{agency.Name} còn {officers} tài khoản cán bộ. Hãy chuyển các tài khoản này sang đơn vị khác, hoặc sáp nhập đơn vị vào đơn vị tiếp nhận (cán bộ sẽ được chuyển theo).");
        agency.IsActive = false;
        agency.ValidTo = day.AddDays(-1);
        await SaveAsync(db, agency, ct);
    }

    public async Task ReactivateAsync(CurrentUser actor, int agencyId, long version, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        var agency = await LoadAsync(db, agencyId, version, ct);
        if (agency.IsActive) return;
        if (agency.SuccessorId is { } successorId)
        {
            var successor = await db.Agencies.Where(a => a.Id == successorId).Select(a => a.Name).SingleAsync(ct);
            throw new BusinessRuleException($"{agency.Name} đã được sáp nhập vào {successor} nên không thể hoạt động lại.");
        }
        agency.IsActive = true;
        agency.ValidTo = null;
        await SaveAsync(db, agency, ct);
    }

    /// <summary>
    /// Merges <paramref name="agencyId"/> into <see cref="AgencyMergeInput.SuccessorId"/>: the agency becomes
    /// inactive with its successor set; its records keep their agency (history); its officers move to the successor
    /// (their sessions end, so they sign in again under it); new records go to the successor
    /// (<see cref="AgencySuccession.ResolveCurrentAgencyAsync"/>). All in one save.
    /// </summary>
    public async Task<AgencyMergeResult> MergeAsync(CurrentUser actor, int agencyId, AgencyMergeInput input, CancellationToken ct = default)
    {
        RequireAdmin(actor);
        await mergeValidator.ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateForAsync(actor, time, ct);
        var agency = await LoadAsync(db, agencyId, input.Version, ct);
        if (!agency.IsActive) throw new BusinessRuleException($"{agency.Name} đã ngừng hoạt động, không thể sáp nhập.");
        if (input.SuccessorId == agency.Id) throw new BusinessRuleException("Không thể sáp nhập một đơn vị vào chính nó.");
        var successor = await db.Agencies.SingleOrDefaultAsync(a => a.Id == input.SuccessorId, ct)
            ?? throw Invalid(nameof(AgencyMergeInput.SuccessorId), "Đơn vị tiếp nhận không tồn tại.");
        if (!successor.IsActive)
            throw Invalid(nameof(AgencyMergeInput.SuccessorId), $"{successor.Name} đã ngừng hoạt động: hãy chọn đơn vị đang hoạt động.");
        var day = CheckEffectiveDay(agency, input.EffectiveOn!.Value);

        agency.IsActive = false;
        agency.ValidTo = day.AddDays(-1);
        agency.SuccessorId = successor.Id;
        var officers = await db.Users.Where(u => u.AgencyId == agency.Id).ToListAsync(ct);
        foreach (var officer in officers)
        {
            officer.AgencyId = successor.Id;
            officer.SecurityStamp = Guid.NewGuid().ToString();
            officer.ConcurrencyStamp = Guid.NewGuid().ToString();
        }
        await SaveAsync(db, agency, ct);
        return new AgencyMergeResult(successor.Id, successor.Name, [.. officers.Select(o => o.UserName ?? "")]);
    }

    /// <summary>The agency new records of <paramref name="agencyId"/> go to today (see <see cref="AgencySuccession"/>).</summary>
    public async Task<int> ResolveCurrentAgencyAsync(int agencyId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ResolveCurrentAgencyAsync(agencyId, ct);
    }

    /// <summary>An agency stops on a day that has come (a past day records what already happened) and after it began.</summary>
    private DateOnly CheckEffectiveDay(Agency agency, DateOnly day)
    {
        if (day > time.Today()) throw new BusinessRuleException("Ngày hiệu lực không được sau ngày hôm nay.");
        if (agency.ValidFrom is { } from && day <= from)
            throw new BusinessRuleException($"Ngày hiệu lực phải sau ngày đơn vị bắt đầu hoạt động ({from:dd/MM/yyyy}).");
        return day;
    }

    private static async Task EnsureNameFreeAsync(CommsPlanDbContext db, string name, int? exceptId, CancellationToken ct)
    {
        if (await db.Agencies.AnyAsync(a => a.IsActive && a.Name == name && a.Id != exceptId, ct))
            throw Invalid(nameof(NewAgencyInput.Name), $"Đã có đơn vị đang hoạt động tên \"{name}\".");
    }

    private static async Task<Agency> LoadAsync(CommsPlanDbContext db, int agencyId, long expectedVersion, CancellationToken ct)
    {
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == agencyId, ct) ?? throw new NotFoundException();
        if (agency.Version != expectedVersion) throw await AuditLog.ConflictAsync(db, nameof(Agency), agency.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        // The version the administrator saw is the one the UPDATE checks: a change in between fails the save.
        db.Entry(agency).Property(a => a.Version).OriginalValue = expectedVersion;
        return agency;
    }

    private static async Task SaveAsync(CommsPlanDbContext db, Agency agency, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw await AuditLog.ConflictAsync(db, nameof(Agency), agency.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        }
    }

    private static IQueryable<AgencyRow> Project(CommsPlanDbContext db, IQueryable<Agency> agencies) =>
        agencies.Select(a => new AgencyRow(
            a.Id, a.Code, a.Name, a.Kind, a.IsActive, a.ValidFrom, a.ValidTo, a.SuccessorId,
            a.Successor == null ? null : a.Successor.Code,
            a.Successor == null ? null : a.Successor.Name,
            db.Users.Count(u => u.AgencyId == a.Id),
            a.Version));

    private static void RequireAdmin(CurrentUser actor)
    {
        if (!actor.IsAdmin) throw new AccessDeniedException();
    }

    private static ValidationException Invalid(string property, string message) => new([new ValidationFailure(property, message)]);
}

public enum AgencySort
{
    PlanOrder,
    Code,
    Name,
    Kind,
}

public enum AgencyStatusFilter
{
    All,
    Active,
    Inactive,
}

public sealed record AgencyQuery(
    string? Search = null, AgencyStatusFilter Status = AgencyStatusFilter.All,
    AgencySort SortBy = AgencySort.PlanOrder, bool SortDescending = false, int Skip = 0, int Take = 50);

public sealed record AgencyRow(
    int Id, string Code, string Name, AgencyKind Kind, bool IsActive, DateOnly? ValidFrom, DateOnly? ValidTo,
    int? SuccessorId, string? SuccessorCode, string? SuccessorName, int OfficerCount, long Version)
{
    /// <summary>ValidTo is the last day the agency existed; the status names the first day it did not.</summary>
    public string StatusName =>
        SuccessorName is not null ? $"Đã sáp nhập vào {SuccessorName}{Since}"
        : IsActive ? "Đang hoạt động"
        : $"Ngừng hoạt động{Since}";

    private string Since => ValidTo is { } last ? $" từ {last.AddDays(1):dd/MM/yyyy}" : "";
}

public sealed record AgencyOption(int Id, string Code, string Name);

public sealed record AgencyOfficer(string UserId, string UserName, string FullName);

public sealed record AgencyMergeResult(int SuccessorId, string SuccessorName, IReadOnlyList<string> MovedOfficers);

public sealed record AgencyListResult(IReadOnlyList<AgencyRow> Items, int TotalCount);
