using CommsPlan.Core.Access;
using CommsPlan.Core.Activities;
using CommsPlan.Core.Audit;
using CommsPlan.Core.Common;
using CommsPlan.Core.Data;
using CommsPlan.Core.Evidence;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.ReportingCycle;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Tests.Core.Activities;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace CommsPlan.Tests.Core.Evidence;

public sealed class EvidenceServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ActivityTestKit _kit = null!;
    private EvidenceService _service = null!;
    private int _activityId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _kit = await ActivityTestKit.CreateAsync(_database);
        _service = Service(new EvidenceOptions());
        _activityId = (await _kit.Service().CreateAsync(Stp, _kit.Input())).Id;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private CurrentUser Stp => _kit.Officer("STP");

    private EvidenceService Service(EvidenceOptions options) => new(_database.Factory, _kit.Clock, Options.Create(options), new PeriodLock());

    private EvidenceOwner Activity => EvidenceOwner.Activity(_activityId);

    private Task<EvidenceItem> AddAsync(EvidenceOwner owner, string name, byte[] bytes, CurrentUser? user = null, EvidenceService? service = null) =>
        (service ?? _service).AddAsync(user ?? Stp, owner, name, new MemoryStream(bytes));

    public static TheoryData<EvidenceKind> AllowedKinds() => [.. Enum.GetValues<EvidenceKind>()];

    [Theory]
    [MemberData(nameof(AllowedKinds))]
    public async Task EachAllowedTypeIsStoredAndServedBackByteIdenticalWithItsTypeAndName(EvidenceKind kind)
    {
        var (_, name, bytes) = EvidenceSamples.Allowed().Single(s => s.Kind == kind);

        var item = await AddAsync(Activity, name, bytes);
        var download = await _service.OpenAsync(ActingUsers.Viewer, item.Id);

        Assert.Equal(kind, item.Kind);
        Assert.Equal(name, item.FileName);
        Assert.Equal(bytes.Length, item.Length);
        Assert.NotNull(download);
        Assert.Equal(bytes, download.Bytes);
        Assert.Equal(kind.ContentType(), download.ContentType);
        Assert.Equal(name, download.FileName);
        Assert.Equal(kind.IsImage(), item.HasThumbnail);
    }

    [Theory]
    [InlineData(EvidenceKind.Jpeg)]
    [InlineData(EvidenceKind.Png)]
    [InlineData(EvidenceKind.WebP)]
    public async Task AnImageGetsAJpegThumbnailWithinTheThumbnailSizeKeepingItsShape(EvidenceKind kind)
    {
        var (_, name, bytes) = EvidenceSamples.Allowed().Single(s => s.Kind == kind);

        var item = await AddAsync(Activity, name, bytes);
        var thumbnail = await _service.OpenAsync(Stp, item.Id, thumbnail: true);

        Assert.NotNull(thumbnail);
        Assert.Equal("image/jpeg", thumbnail.ContentType);
        using var decoded = SKBitmap.Decode(thumbnail.Bytes);
        Assert.NotNull(decoded);
        // The samples are 640 × 400: the thumbnail is 320 × 200.
        Assert.Equal(EvidenceThumbnails.Size, decoded.Width);
        Assert.Equal(200, decoded.Height);
    }

    [Fact]
    public async Task AFileNamedForAnotherTypeKeepsItsNameAndGainsItsRealExtension()
    {
        var item = await AddAsync(Activity, "scan.pdf", EvidenceSamples.Image(SKEncodedImageFormat.Png));

        Assert.Equal(EvidenceKind.Png, item.Kind);
        Assert.Equal("scan.pdf.png", item.FileName);
    }

    public static TheoryData<string, string, string> Refused() => new()
    {
        { "executable", "Ảnh hội nghị.jpg", "là một chương trình chạy được" },
        { "svg", "logo.png", "là ảnh SVG" },
        { "html", "bai-bao.pdf", "là trang web (HTML)" },
        { "zip", "tai-lieu.docx", "không phải loại được nhận" },
        { "empty", "trong.pdf", "rỗng" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task ARefusedFileIsRefusedByItsContentWithAVietnameseReasonAndNothingIsStored(string sample, string name, string reason)
    {
        var bytes = sample switch
        {
            "executable" => EvidenceSamples.Executable(),
            "svg" => EvidenceSamples.Svg(),
            "html" => EvidenceSamples.Html(),
            "zip" => EvidenceSamples.PlainZip(),
            _ => [],
        };

        var refused = await Assert.ThrowsAsync<BusinessRuleException>(() => AddAsync(Activity, name, bytes));

        Assert.Contains($"«{name}»", refused.Message);
        Assert.Contains(reason, refused.Message);
        Assert.Empty(await _service.ListAsync(Stp, Activity));
    }

    [Fact]
    public async Task AFileOverTheSizeLimitIsRefusedWithTheLimitInMegabytes()
    {
        var service = Service(new EvidenceOptions { MaxFileMegabytes = 1 });
        var bytes = new byte[1024 * 1024 + 1];
        EvidenceSamples.Pdf().CopyTo(bytes, 0);

        var refused = await Assert.ThrowsAsync<BusinessRuleException>(() => AddAsync(Activity, "Bài báo.pdf", bytes, service: service));

        Assert.Equal("Tệp «Bài báo.pdf» nặng 1,0 MB, vượt quá giới hạn 1 MB cho mỗi tệp.", refused.Message);
        Assert.Empty(await _service.ListAsync(Stp, Activity));
    }

    [Fact]
    public async Task AZipBombDressedAsADocxIsRefusedBeforeItIsStored()
    {
        var options = new EvidenceOptions();
        var bomb = EvidenceSamples.ZipBomb(options.MaxUnpackedBytes);
        Assert.True(bomb.Length < 1024 * 1024, "The sample must be small packed to be a bomb.");

        var refused = await Assert.ThrowsAsync<BusinessRuleException>(() => AddAsync(Activity, "Kế hoạch.docx", bomb));

        Assert.Contains("giải nén lớn bất thường", refused.Message);
        Assert.Empty(await _service.ListAsync(Stp, Activity));
    }

    [Fact]
    public async Task AnImageDeclaringMorePixelsThanAllowedIsRefusedFromItsHeader()
    {
        var bomb = EvidenceSamples.PixelBomb(30_000, 30_000);
        Assert.True(bomb.Length < 64 * 1024);

        var refused = await Assert.ThrowsAsync<BusinessRuleException>(() => AddAsync(Activity, "anh.png", bomb));

        Assert.Equal("Ảnh «anh.png» có 30.000 × 30.000 điểm ảnh, vượt quá giới hạn 50 triệu điểm ảnh; hãy thu nhỏ ảnh rồi tải lên lại.", refused.Message);
    }

    [Fact]
    public async Task ARecordTakesAtMostTheConfiguredNumberOfFilesAndAFullRecordCanStillBeTrimmed()
    {
        var service = Service(new EvidenceOptions { MaxFilesPerRecord = 2 });
        var first = await AddAsync(Activity, "1.pdf", EvidenceSamples.Pdf(), service: service);
        await AddAsync(Activity, "2.pdf", EvidenceSamples.Pdf(), service: service);

        var refused = await Assert.ThrowsAsync<BusinessRuleException>(() => AddAsync(Activity, "3.pdf", EvidenceSamples.Pdf(), service: service));
        await service.DeleteAsync(Stp, first.Id);
        await AddAsync(Activity, "3.pdf", EvidenceSamples.Pdf(), service: service);

        Assert.Contains("tối đa 2 tệp", refused.Message);
        Assert.Equal(["2.pdf", "3.pdf"], (await service.ListAsync(Stp, Activity)).Select(i => i.FileName));
    }

    [Fact]
    public async Task AnotherAgencysOfficerFindsNeitherTheListNorTheFile()
    {
        var item = await AddAsync(Activity, "anh.jpg", EvidenceSamples.Image(SKEncodedImageFormat.Jpeg));
        var daitu = _kit.Officer("DAITU", "daitu");

        Assert.Null(await _service.OpenAsync(daitu, item.Id));
        Assert.Null(await _service.OpenAsync(daitu, item.Id, thumbnail: true));
        await Assert.ThrowsAsync<NotFoundException>(() => _service.ListAsync(daitu, Activity));
        await Assert.ThrowsAsync<NotFoundException>(() => _service.DeleteAsync(daitu, item.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => AddAsync(Activity, "x.pdf", EvidenceSamples.Pdf(), daitu));
    }

    [Fact]
    public async Task MonitorsLeadershipAndAdministratorsReadTheFilesButCannotAddOrDeleteThem()
    {
        var item = await AddAsync(Activity, "anh.jpg", EvidenceSamples.Image(SKEncodedImageFormat.Jpeg));

        foreach (var reader in new[] { ActingUsers.Monitor, ActingUsers.Viewer, ActingUsers.Admin })
        {
            Assert.NotNull(await _service.OpenAsync(reader, item.Id));
            Assert.Single(await _service.ListAsync(reader, Activity));
            await Assert.ThrowsAsync<AccessDeniedException>(() => AddAsync(Activity, "x.pdf", EvidenceSamples.Pdf(), reader));
            await Assert.ThrowsAsync<AccessDeniedException>(() => _service.DeleteAsync(reader, item.Id));
        }
    }

    [Fact]
    public async Task AddingAndDeletingAFileAreInTheAuditHistoryWithItsNameAndWho()
    {
        var item = await AddAsync(Activity, "Biên bản.pdf", EvidenceSamples.Pdf());
        await _service.DeleteAsync(Stp, item.Id);

        var history = await HistoryAsync(item.Id);
        Assert.Equal([AuditAction.Created, AuditAction.Deleted], history.Select(h => h.Action));
        Assert.All(history, h => Assert.Equal("tuphap", h.UserName));
        Assert.Contains("Biên bản.pdf", history[1].Changes);
        Assert.Equal("Tệp minh chứng", AuditLabels.EntityType("EvidenceFile"));
        await using var db = _database.CreateContext();
        Assert.False(await db.EvidenceContents.AnyAsync(c => c.EvidenceFileId == item.Id));
    }

    [Fact]
    public async Task DeletingAnActivityDeletesItsFilesAndAuditsEachDeletion()
    {
        var photo = await AddAsync(Activity, "anh.jpg", EvidenceSamples.Image(SKEncodedImageFormat.Jpeg));
        var article = await AddAsync(Activity, "bai.pdf", EvidenceSamples.Pdf());
        var version = (await _kit.Service().GetAsync(Stp, _activityId)).Version;

        await _kit.Service().DeleteAsync(Stp, _activityId, version);

        await using var db = _database.CreateContext();
        Assert.False(await db.EvidenceFiles.AnyAsync());
        Assert.False(await db.EvidenceContents.AnyAsync());
        Assert.Equal(AuditAction.Deleted, (await HistoryAsync(photo.Id)).Last().Action);
        Assert.Equal(AuditAction.Deleted, (await HistoryAsync(article.Id)).Last().Action);
    }

    [Fact]
    public async Task DeletingACommendationDeletesItsFilesAndAuditsTheDeletion()
    {
        var commendations = new CommendationService(_database.Factory, _kit.Clock, new RecordingNotifier());
        var commendation = await commendations.CreateAsync(Stp, new CommendationInput
        {
            AgencyId = _kit.Agencies["STP"], Kind = CommendationKind.Individual, Recipient = "Bà Nguyễn Thị Hà",
            Achievement = "Tuyên truyền tốt", Date = new DateOnly(2021, 5, 12),
        });
        var owner = EvidenceOwner.Commendation(commendation.Id);
        var file = await AddAsync(owner, "Giấy khen.pdf", EvidenceSamples.Pdf());

        await commendations.DeleteAsync(Stp, commendation.Id, commendation.Version);

        await using var db = _database.CreateContext();
        Assert.False(await db.EvidenceFiles.AnyAsync(f => f.Id == file.Id));
        Assert.Equal(AuditAction.Deleted, (await HistoryAsync(file.Id)).Last().Action);
    }

    [Fact]
    public async Task TheSignedUnitPlanIsAttachedToTheUnitPlanAndReadByWhoeverReadsThePlan()
    {
        int planId;
        await using (var db = await _database.Factory.CreateForAsync(Stp, _kit.Clock))
        {
            var plan = new UnitPlan
            {
                PlanId = await db.Plans.Select(p => p.Id).FirstAsync(), AgencyId = _kit.Agencies["STP"], DocumentNumber = "15/KH-STP",
                IssuedOn = new DateOnly(2021, 3, 1),
            };
            db.UnitPlans.Add(plan);
            await db.SaveChangesAsync();
            planId = plan.Id;
        }
        var owner = EvidenceOwner.UnitPlan(planId);

        var signed = await AddAsync(owner, "Kế hoạch 15-KH-STP đã ký.pdf", EvidenceSamples.Pdf());

        Assert.Single(await _service.ListAsync(ActingUsers.Monitor, owner));
        Assert.NotNull(await _service.OpenAsync(ActingUsers.Viewer, signed.Id));
        Assert.Null(await _service.OpenAsync(_kit.Officer("DAITU", "daitu"), signed.Id));
        Assert.Empty(await _service.ListAsync(Stp, Activity));
    }

    [Fact]
    public async Task ListsNeverReadTheStoredBytes()
    {
        await AddAsync(Activity, "anh.jpg", EvidenceSamples.Image(SKEncodedImageFormat.Jpeg));
        var commands = new List<string>();
        var options = new DbContextOptionsBuilder<CommsPlanDbContext>();
        options.UseCommsPlan(DatabaseProvider.Sqlite, _database.ConnectionString).LogTo(commands.Add, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
        var service = new EvidenceService(new CommsPlanDbContextFactory(options.Options, DatabaseProvider.Sqlite), _kit.Clock,
            Options.Create(new EvidenceOptions()), new PeriodLock());

        await service.ListAsync(Stp, Activity);

        Assert.NotEmpty(commands);
        Assert.DoesNotContain(commands, c => c.Contains("EvidenceContents", StringComparison.Ordinal));
    }

    private async Task<List<AuditEntry>> HistoryAsync(int fileId)
    {
        await using var db = _database.CreateContext();
        var id = fileId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEntries.Where(e => e.EntityType == "EvidenceFile" && e.EntityId == id).OrderBy(e => e.Id).ToListAsync();
    }
}
