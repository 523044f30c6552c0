using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommsPlan.Core.Evidence;

/// <summary>A file as lists show it: never its bytes.</summary>
public sealed record EvidenceItem(int Id, string FileName, EvidenceKind Kind, long Length, bool HasThumbnail, DateTime CreatedAt, string CreatedBy)
{
    public string SizeText => EvidenceFormat.Size(Length);
    public bool IsImage => Kind.IsImage();
}

/// <summary>A file to send: its name, stored type and bytes (or its thumbnail's).</summary>
public sealed record EvidenceDownload(string FileName, string ContentType, byte[] Bytes);

/// <summary>
/// Evidence files of activities, unit plans and commendations. Who may read a record may list and download its files;
/// who may edit it may add and delete them (an activity in a locked period stays as it is). A file the caller may not
/// read is "not found", as its record is. Every add and delete goes through the write path, so it is in the audit history,
/// and a record deleted takes its files with it (<see cref="Data.Writing.WritePipeline"/>).
/// </summary>
public sealed class EvidenceService(
    IDbContextFactory<CommsPlanDbContext> factory,
    TimeProvider time,
    IOptions<EvidenceOptions> options,
    IActivityLock locks)
{
    private const string EditorsOnlyMessage = "Chỉ người được sửa hồ sơ này mới được thêm hoặc xóa tệp minh chứng.";

    public EvidenceOptions Options => options.Value;

    /// <summary>The files of a record, oldest first; <see cref="NotFoundException"/> when the caller may not read it.</summary>
    public async Task<IReadOnlyList<EvidenceItem>> ListAsync(CurrentUser user, EvidenceOwner owner, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var record = await OwnerAsync(db, owner, ct);
        if (record is null || !user.CanRead(record.AgencyId)) throw new NotFoundException();
        return await Of(db, owner).OrderBy(f => f.Id)
            .Select(f => new EvidenceItem(f.Id, f.FileName, f.Kind, f.Length, f.HasThumbnail, f.CreatedAt, f.CreatedBy))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Stores one file for <paramref name="owner"/>: read up to the size limit, its type decided by its content, a
    /// thumbnail made for an image. Refusals are <see cref="BusinessRuleException"/>s in Vietnamese naming the file.
    /// </summary>
    /// <exception cref="NotFoundException">No such record, or the caller may not read it.</exception>
    /// <exception cref="AccessDeniedException">The caller reads it but may not edit it.</exception>
    /// <exception cref="BusinessRuleException">Too large, a refused type, too many files, or the record's period is locked.</exception>
    public async Task<EvidenceItem> AddAsync(CurrentUser user, EvidenceOwner owner, string fileName, Stream content, CancellationToken ct = default)
    {
        var name = CleanName(fileName);
        // Checked before the upload is read: a refusal costs nothing.
        await using (var check = await factory.CreateDbContextAsync(ct)) await EnsureWritableAsync(check, user, owner, adding: true, ct);

        var bytes = await ReadBoundedAsync(name, content, ct);
        var kind = EvidenceInspector.Inspect(name, bytes, Options);
        var thumbnail = kind.IsImage() ? EvidenceThumbnails.Create(name, bytes, Options) : null;

        await using var db = await factory.CreateForAsync(user, time, ct);
        await EnsureWritableAsync(db, user, owner, adding: true, ct);
        var file = new EvidenceFile
        {
            // A file whose name says another type keeps its name and gains the real type's extension, so it opens.
            FileName = KnownExtension(name, kind) ? name : name + kind.Extension(),
            Kind = kind,
            Length = bytes.Length,
            HasThumbnail = thumbnail is not null,
            Content = new EvidenceContent { Bytes = bytes, Thumbnail = thumbnail },
        };
        switch (owner.Kind)
        {
            case EvidenceOwnerKind.Activity: file.ActivityId = owner.Id; break;
            case EvidenceOwnerKind.UnitPlan: file.UnitPlanId = owner.Id; break;
            default: file.CommendationId = owner.Id; break;
        }
        db.EvidenceFiles.Add(file);
        await db.SaveChangesAsync(ct);
        return new EvidenceItem(file.Id, file.FileName, kind, file.Length, file.HasThumbnail, file.CreatedAt, file.CreatedBy);
    }

    /// <summary>Deletes one file (its record's editors only); the history keeps its name, type and size.</summary>
    /// <exception cref="NotFoundException">No such file, or the caller may not read its record.</exception>
    /// <exception cref="AccessDeniedException">The caller reads the record but may not edit it.</exception>
    public async Task DeleteAsync(CurrentUser user, int fileId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateForAsync(user, time, ct);
        var file = await db.EvidenceFiles.SingleOrDefaultAsync(f => f.Id == fileId, ct) ?? throw new NotFoundException();
        await EnsureWritableAsync(db, user, OwnerOf(file), adding: false, ct);
        db.EvidenceFiles.Remove(file);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A file (or its thumbnail) for a download, if the caller may read its record; null otherwise, as for a missing one.</summary>
    public async Task<EvidenceDownload?> OpenAsync(CurrentUser user, int fileId, bool thumbnail = false, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var file = await db.EvidenceFiles.AsNoTracking().Where(f => f.Id == fileId)
            .Select(f => new
            {
                f.FileName,
                f.Kind,
                AgencyId = f.ActivityId != null ? f.Activity!.AgencyId
                    : f.UnitPlanId != null ? f.UnitPlan!.AgencyId
                    : f.Commendation!.AgencyId,
            })
            .SingleOrDefaultAsync(ct);
        if (file is null || !user.CanRead(file.AgencyId)) return null;
        var contents = db.EvidenceContents.AsNoTracking().Where(c => c.EvidenceFileId == fileId);
        var bytes = thumbnail
            ? await contents.Select(c => c.Thumbnail).SingleOrDefaultAsync(ct)
            : await contents.Select(c => c.Bytes).SingleOrDefaultAsync(ct);
        if (bytes is null) return null;
        return thumbnail
            ? new EvidenceDownload(Path.ChangeExtension(file.FileName, null) + "-nho.jpg", "image/jpeg", bytes)
            : new EvidenceDownload(file.FileName, file.Kind.ContentType(), bytes);
    }

    private static IQueryable<EvidenceFile> Of(CommsPlanDbContext db, EvidenceOwner owner) => owner.Kind switch
    {
        EvidenceOwnerKind.Activity => db.EvidenceFiles.AsNoTracking().Where(f => f.ActivityId == owner.Id),
        EvidenceOwnerKind.UnitPlan => db.EvidenceFiles.AsNoTracking().Where(f => f.UnitPlanId == owner.Id),
        _ => db.EvidenceFiles.AsNoTracking().Where(f => f.CommendationId == owner.Id),
    };

    private static EvidenceOwner OwnerOf(EvidenceFile file) =>
        file.ActivityId is { } a ? EvidenceOwner.Activity(a)
        : file.UnitPlanId is { } u ? EvidenceOwner.UnitPlan(u)
        : EvidenceOwner.Commendation(file.CommendationId!.Value);

    private sealed record OwnerRecord(int AgencyId, DateOnly? ActivityDate, string? EnteredOnBehalfBy);

    private static async Task<OwnerRecord?> OwnerAsync(CommsPlanDbContext db, EvidenceOwner owner, CancellationToken ct) => owner.Kind switch
    {
        EvidenceOwnerKind.Activity => await db.Activities.AsNoTracking().Where(a => a.Id == owner.Id)
            .Select(a => new OwnerRecord(a.AgencyId, a.StartDate, a.EnteredOnBehalfBy)).SingleOrDefaultAsync(ct),
        EvidenceOwnerKind.UnitPlan => await db.UnitPlans.AsNoTracking().Where(u => u.Id == owner.Id)
            .Select(u => new OwnerRecord(u.AgencyId, null, u.EnteredOnBehalfBy)).SingleOrDefaultAsync(ct),
        _ => await db.Commendations.AsNoTracking().Where(c => c.Id == owner.Id)
            .Select(c => new OwnerRecord(c.AgencyId, null, null)).SingleOrDefaultAsync(ct),
    };

    /// <summary>
    /// The record exists, the caller may edit it and its period is open; when <paramref name="adding"/>, it also has room
    /// for one more file (a full record must still let files be deleted).
    /// </summary>
    private async Task EnsureWritableAsync(CommsPlanDbContext db, CurrentUser user, EvidenceOwner owner, bool adding, CancellationToken ct)
    {
        var record = await OwnerAsync(db, owner, ct);
        if (record is null || !user.CanRead(record.AgencyId)) throw new NotFoundException();
        // Whoever may change the record may change its files: the agency's officers, and the Office on what it entered for them.
        if (!user.CanChange(record.AgencyId, record.EnteredOnBehalfBy)) throw new AccessDeniedException(EditorsOnlyMessage);
        if (record.ActivityDate is { } date) await locks.EnsureOpenAsync(db, record.AgencyId, [date], ct);
        if (adding && await Of(db, owner).CountAsync(ct) >= Options.MaxFilesPerRecord)
            throw new BusinessRuleException($"Mỗi hồ sơ được đính kèm tối đa {Options.MaxFilesPerRecord} tệp minh chứng; hồ sơ này đã đủ. Hãy xóa bớt tệp trước khi thêm.");
    }

    private async Task<byte[]> ReadBoundedAsync(string name, Stream content, CancellationToken ct)
    {
        var limit = Options.MaxFileBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) throw EvidenceInspector.TooLarge(name, buffer.Length + read, Options);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The name without any folder, control characters or path separators, at most 200 characters.</summary>
    internal static string CleanName(string fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not ('/' or '"' or '<' or '>' or '|' or ':' or '*' or '?'))]).Trim();
        if (name.Length == 0) name = "tep";
        if (name.Length > EvidenceLimits.FileNameMaxLength)
        {
            var extension = Path.GetExtension(name);
            if (extension.Length > 10) extension = "";
            name = name[..(EvidenceLimits.FileNameMaxLength - extension.Length)] + extension;
        }
        return name;
    }

    private static bool KnownExtension(string name, EvidenceKind kind) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" or ".jfif" => kind == EvidenceKind.Jpeg,
        ".png" => kind == EvidenceKind.Png,
        ".webp" => kind == EvidenceKind.WebP,
        ".pdf" => kind == EvidenceKind.Pdf,
        ".docx" => kind == EvidenceKind.Docx,
        ".xlsx" => kind == EvidenceKind.Xlsx,
        _ => false,
    };
}

public static class EvidenceLimits
{
    public const int FileNameMaxLength = 200;
}
