using CommsPlan.Core.Activities;
using CommsPlan.Core.Data;
using CommsPlan.Core.Feedback;
using CommsPlan.Core.UnitPlans;
using CommsPlan.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CommsPlan.Tests.Core.Reports;

/// <summary>
/// A seeded database for the consolidated report: Quý I/2021 holds a small, hand-written set whose narrative is
/// known word for word (with formula-looking and Vietnamese titles); Quý II/2021 holds a few hundred random
/// activities over many agencies and every channel, for totals that could go wrong in many ways.
/// </summary>
public abstract class ReportSeed(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnSqlite() : ReportSeed(DatabaseProvider.Sqlite);

    public sealed class OnPostgreSql() : ReportSeed(DatabaseProvider.PostgreSQL);

    /// <summary>10:00 in Vietnam on 20/10/2021.</summary>
    public static readonly DateTimeOffset Now = new(2021, 10, 20, 3, 0, 0, TimeSpan.Zero);

    public const string FormulaTitle = "=HYPERLINK(\"http://x\")";
    public const string PlusTitle = "+1";
    public const string VietnameseTitle = "Phát hành tờ rơi “Một cửa, một cửa liên thông” – hướng dẫn nộp hồ sơ trực tuyến ở xã Phú Đình 🎉";
    public const string FormulaAchievement = "=SUM(A1:A2)";
    public const string PhoneLikeTitle = "+84 912 345 678";

    private static readonly string[] Channels =
        ["BAO", "PTTH", "TTCS", "CONG", "WEB", "TAILIEU", "HOINGHI", "CUOCTHI", "TAPHUAN", "PANO", "BANGRON", "KHAUHIEU", "TOROI", "APPHICH"];
    private static readonly string[] WithSecondMeasure = ["PTTH", "TTCS", "TAILIEU", "HOINGHI", "CUOCTHI", "TAPHUAN"];
    private static readonly string[] RandomAgencies = ["STP", "SYT", "SNV", "DAITU", "TPTN", "DINHHOA", "BAOTN", "DAIPTTH", "TTPVHCC", "VPUBND"];

    public TestDatabase Database { get; private set; } = null!;
    public FakeTimeProvider Time { get; } = new(Now);
    public Dictionary<string, int> AgencyIds { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        await using var db = Database.CreateContext();
        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Code);
        AgencyIds = agencies.ToDictionary(a => a.Key, a => a.Value.Id);
        var channels = await db.Channels.ToDictionaryAsync(c => c.Code);
        var objectives = await db.Objectives.ToDictionaryAsync(o => o.Code);
        var themes = await db.Themes.ToDictionaryAsync(t => t.Code);
        var districts = await db.Districts.ToDictionaryAsync(d => d.Code);
        var planId = await db.Plans.Select(p => p.Id).SingleAsync();

        Activity Make(string agency, string channel, DateOnly date, int quantity, string title, long? second = null, long? cost = null,
            string[]? objectiveCodes = null, string[]? themeCodes = null, string? district = null, string? evidence = null) => new()
        {
            AgencyId = agencies[agency].Id,
            ChannelId = channels[channel].Id,
            Title = title,
            StartDate = date,
            Quantity = quantity,
            SecondMeasure = second,
            Cost = cost,
            Objectives = [.. (objectiveCodes ?? []).Select(o => objectives[o])],
            Themes = [.. (themeCodes ?? []).Select(t => themes[t])],
            DistrictId = district is null ? null : districts[district].Id,
            EvidenceUrl = evidence,
        };

        // Quý I/2021: 15/12/2020 – 14/3/2021.
        db.Activities.AddRange(
            Make("STP", "BAO", new(2021, 1, 5), 3, FormulaTitle, cost: 1_500_000, objectiveCodes: ["MD1"], themeCodes: ["ND1"]),
            Make("STP", "HOINGHI", new(2021, 1, 20), 1, PlusTitle, second: 670, cost: 20_000_000, objectiveCodes: ["MD2", "MD3"], themeCodes: ["ND2"]),
            Make("STP", "TOROI", new(2021, 2, 1), 20_000, VietnameseTitle, cost: 30_000_000, themeCodes: ["ND2"], district: "DAITU",
                evidence: "https://stp.thainguyen.gov.vn/tin-tuc/mot-cua"),
            Make("STP", "WEB", new(2021, 3, 1), 12, "Chuyên mục cải cách TTHC trên trang của Sở", themeCodes: ["ND1"]),
            Make("DAITU", "HOINGHI", new(2021, 3, 10), 1, "Hội nghị triển khai Kế hoạch 20/KH-UBND", second: 670, cost: 15_000_000,
                themeCodes: ["ND3"], district: "DAITU"),
            Make("DAITU", "TOROI", new(2020, 12, 20), 5_000, "Tờ rơi hướng dẫn dịch vụ công trực tuyến"),
            Make("DAITU", "BANGRON", new(2021, 2, 20), 85, "Băng rôn tuyên truyền một cửa", cost: 8_500_000),
            Make("DAITU", "TTCS", new(2021, 3, 14), 40, "Phát thanh về dịch vụ công mức độ 4", second: 200),
            Make("BAOTN", "BAO", new(2021, 1, 15), 120, "Chuyên trang cải cách hành chính"),
            Make("SNV", "CONG", new(2021, 2, 10), 30, "Tin bài trên Cổng thông tin điện tử tỉnh"),
            // A day either side of the quarter: never in its figures.
            Make("STP", "BAO", new(2021, 3, 15), 999, "Ngoài kỳ (sau)"),
            Make("STP", "PANO", new(2020, 12, 14), 999, "Ngoài kỳ (trước)"));

        // Quý II/2021: 15/3/2021 – 14/6/2021, random.
        var random = new Random(6);
        var from = new DateOnly(2021, 3, 15);
        string[] districtCodes = [.. districts.Keys];
        for (var i = 0; i < 300; i++)
        {
            var channel = Channels[random.Next(Channels.Length)];
            db.Activities.Add(Make(
                RandomAgencies[random.Next(RandomAgencies.Length)], channel, from.AddDays(random.Next(0, 92)), random.Next(1, 400),
                $"Hoạt động tuyên truyền số {i} – “kiểm soát TTHC”",
                second: WithSecondMeasure.Contains(channel) && random.Next(5) > 0 ? random.Next(10, 3000) : null,
                cost: random.Next(4) == 0 ? null : random.Next(1, 40) * 250_000L,
                objectiveCodes: [.. new[] { "MD1", "MD2", "MD3", "MD4" }.Where(_ => random.Next(2) == 0)],
                themeCodes: [.. new[] { "ND1", "ND2", "ND3" }.Where(_ => random.Next(2) == 0)],
                district: random.Next(3) == 0 ? districtCodes[random.Next(districtCodes.Length)] : null));
        }

        db.UnitPlans.AddRange(
            new UnitPlan { PlanId = planId, AgencyId = agencies["STP"].Id, DocumentNumber = "12/KH-STP", IssuedOn = new(2021, 3, 1),
                Link = "https://stp.thainguyen.gov.vn/ke-hoach-12" },
            new UnitPlan { PlanId = planId, AgencyId = agencies["SNV"].Id, DocumentNumber = "07/KH-SNV", IssuedOn = new(2021, 3, 31) },
            new UnitPlan { PlanId = planId, AgencyId = agencies["DAITU"].Id, DocumentNumber = "30/KH-UBND", IssuedOn = new(2021, 4, 1),
                Link = "không phải đường dẫn" });

        db.Commendations.AddRange(
            new Commendation { AgencyId = agencies["STP"].Id, Kind = CommendationKind.Collective, Recipient = "Bộ phận Một cửa Sở Tư pháp",
                Achievement = FormulaAchievement, Date = new(2021, 2, 10) },
            new Commendation { AgencyId = agencies["DAITU"].Id, Kind = CommendationKind.Individual, Recipient = "Nguyễn Thị Hoa",
                Achievement = "Tiêu biểu trong tiếp nhận hồ sơ trực tuyến", Date = new(2021, 3, 1) },
            new Commendation { AgencyId = agencies["STP"].Id, Kind = CommendationKind.Individual, Recipient = "Ngoài kỳ",
                Achievement = "Quý II", Date = new(2021, 4, 1) });

        db.Difficulties.AddRange(
            new Difficulty { AgencyId = agencies["STP"].Id, Title = PhoneLikeTitle, Content = "Vướng mắc về thanh toán trực tuyến lệ phí",
                RaisedOn = new(2021, 1, 10), Status = DifficultyStatus.Answered, Answer = "Đã hướng dẫn theo Công văn số 15/VP-KSTT",
                AnsweredOn = new(2021, 1, 15), AnsweredBy = "giamsat" },
            new Difficulty { AgencyId = agencies["DAITU"].Id, Title = "Thiếu kinh phí in tờ rơi", Content = "Đề nghị hỗ trợ kinh phí",
                RaisedOn = new(2021, 2, 25), Status = DifficultyStatus.Open },
            new Difficulty { AgencyId = agencies["DAITU"].Id, Title = "Ngoài kỳ", Content = "Quý II", RaisedOn = new(2021, 5, 2),
                Status = DifficultyStatus.Open });
        // The accounts papers name: by full name, never by login.
        foreach (var (userName, fullName) in FullNames)
        {
            db.Users.Add(new CommsPlan.Core.Access.AppUser
            {
                UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), FullName = fullName,
                AgencyId = userName switch { "tuphap" => agencies["STP"].Id, "daitu" => agencies["DAITU"].Id, "baotn" => agencies["BAOTN"].Id, _ => null },
            });
        }
        await db.SaveChangesAsync();

        // Two evidence files on the Vietnamese leaflet: Chi tiết's last column counts them.
        var leaflet = await db.Activities.Where(a => a.Title == VietnameseTitle).Select(a => a.Id).SingleAsync();
        foreach (var name in new[] { "Tờ rơi mặt trước.pdf", "Tờ rơi mặt sau.pdf" })
        {
            db.EvidenceFiles.Add(new CommsPlan.Core.Evidence.EvidenceFile
            {
                ActivityId = leaflet, FileName = name, Kind = CommsPlan.Core.Evidence.EvidenceKind.Pdf, Length = 5,
                Content = new CommsPlan.Core.Evidence.EvidenceContent { Bytes = "%PDF-"u8.ToArray() },
            });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>How many evidence files the seed attaches to the activity titled <see cref="VietnameseTitle"/>.</summary>
    public const int VietnameseTitleFiles = 2;

    private static readonly Dictionary<string, string> FullNames = new()
    {
        ["giamsat"] = "Nguyễn Thị Giám Sát", ["tuphap"] = "Lê Thị Tư Pháp", ["daitu"] = "Hoàng Văn Đại Từ", ["baotn"] = "Phạm Thị Báo",
    };

    /// <summary>The full name the seed gives an account.</summary>
    public string FullName(string userName) => FullNames[userName];

    public async Task DisposeAsync()
    {
        // Null when the PostgreSQL variant's tests were all skipped (COMMSPLAN_TEST_POSTGRES=off): nothing was created.
        if (Database is not null) await Database.DisposeAsync();
    }
}
