using CommsPlan.Core.Access;

namespace CommsPlan.Core.Data.Seeding;

/// <summary>
/// What the demo year is made of: how each kind of agency communicates (channels and monthly rates), what it
/// talks about, and the Vietnamese wording of titles, commendations and difficulties. Placeholders: {D} a
/// district ("huyện Đại Từ"), {Dc} the same at the start of a title ("Huyện Đại Từ"), {M} a month ("5/2021"), {A} the agency's name.
/// </summary>
internal static class DemoTexts
{
    /// <summary>A channel an agency uses and how many activities it logs on it in an ordinary month.</summary>
    public sealed record ChannelRate(string Channel, double PerMonth);

    /// <summary>The year the texts below are written for; a later plan year's records say their own year (and plan number).</summary>
    public const string FirstYear = "2021";

    /// <summary>Relative activity by month (January … December): Tết in February, the plan's launch in March,
    /// the elections in May, the 6-month report in June, the COVID-19 wave of July–August, the year-end push.</summary>
    public static readonly double[] Season = [0.8, 0.7, 1.2, 1.1, 0.9, 1.2, 0.95, 0.8, 1.05, 1.25, 1.1, 1.2];

    /// <summary>The years after: Tết and the plan's launch in the first quarter, no elections and no summer wave, the same
    /// report and year-end peaks; about as much in all as the first year.</summary>
    public static readonly double[] LaterSeason = [0.8, 0.7, 1.0, 1.05, 1.0, 1.15, 0.95, 0.9, 1.0, 1.25, 1.1, 1.2];

    /// <summary>Yearly growth of the posts on websites and the provincial portal after the first year.</summary>
    private const double OnlineGrowth = 0.15;

    /// <summary>Posts on an agency's social media page, per post on its website or the portal.</summary>
    private const double SocialMediaShare = 0.25;

    /// <summary>Yearly change of printed and street material (leaflets, posters, banners) as agencies move online.</summary>
    private const double PrintChange = -0.15;

    private static readonly HashSet<string> Online = ["WEB", "CONG"];
    private static readonly HashSet<string> Print = ["TOROI", "APPHICH", "BANGRON", "KHAUHIEU", "PANO", "TAILIEU"];

    /// <summary>
    /// The rates of a later plan year: the same channels at the same pace, more posts on websites and the portal, a little
    /// less print, and posts on the agency's social media page (the channel the demo's next plan adds) in proportion to
    /// its website and portal posts. Rates on channels the plan lacks are dropped by the caller.
    /// </summary>
    public static IReadOnlyList<ChannelRate> RatesFor(string code, AgencyKind kind, int yearsAfterFirst)
    {
        var rates = RatesFor(code, kind);
        if (yearsAfterFirst == 0) return rates;
        var result = rates.Select(r => r with
        {
            PerMonth = r.PerMonth * (Online.Contains(r.Channel) ? 1 + OnlineGrowth * yearsAfterFirst
                : Print.Contains(r.Channel) ? Math.Max(0.5, 1 + PrintChange * yearsAfterFirst) : 1),
        }).ToList();
        var online = rates.Where(r => Online.Contains(r.Channel)).Sum(r => r.PerMonth);
        if (online > 0) result.Add(new(DemoDataSeeder.SocialMediaChannelCode, online * SocialMediaShare * (1 + OnlineGrowth * (yearsAfterFirst - 1))));
        return result;
    }

    public static IReadOnlyList<ChannelRate> RatesFor(string code, AgencyKind kind) => code switch
    {
        "BAOTN" => [new("BAO", 31), new("HOINGHI", 0.1)],
        "DAIPTTH" => [new("PTTH", 27), new("WEB", 3)],
        "TTTT" => [new("CONG", 31)],
        _ => kind switch
        {
            AgencyKind.ProvincialOffice =>
                [new("CONG", 3.5), new("TOROI", 1.3), new("TAILIEU", 0.5), new("HOINGHI", 0.6), new("TAPHUAN", 0.3), new("APPHICH", 0.3)],
            AgencyKind.ServiceCentre =>
                [new("WEB", 5.5), new("TOROI", 0.8), new("APPHICH", 0.5), new("KHAUHIEU", 0.4), new("BANGRON", 0.4), new("HOINGHI", 0.3), new("PANO", 0.1)],
            AgencyKind.DistrictCommittee =>
                [new("TTCS", 7.8), new("WEB", 2.1), new("BANGRON", 0.9), new("KHAUHIEU", 0.6), new("PANO", 0.15), new("HOINGHI", 0.5),
                 new("TAPHUAN", 0.2), new("TOROI", 0.25), new("APPHICH", 0.1)],
            AgencyKind.Media => [new("BAO", 8), new("WEB", 4)],
            _ => [new("WEB", 3.8), new("HOINGHI", 0.5), new("TAPHUAN", 0.25), new("TAILIEU", 0.2), new("BANGRON", 0.35), new("KHAUHIEU", 0.25),
                  new("PANO", 0.05), new("TOROI", 0.1)],
        },
    };

    /// <summary>How active an agency is compared with others of its kind.</summary>
    public static double Activity(string code) => code switch
    {
        "SNV" => 1.5, "STP" => 1.4, "STTTT" => 1.3, "SKHDT" => 1.2, "STNMT" => 1.15, "SCT" or "STC" or "SNNPTNT" or "SGTVT" => 0.9,
        "SXD" => 0.85, "SVHTTDL" or "BQLKCN" => 0.8, "SKHCN" => 0.7, "SNGV" => 0.5, "TTRA" or "BDT" => 0.6,
        "TPTN" => 1.3, "TXPY" => 1.1, "DAITU" => 1.15, "DINHHOA" => 0.8, "PHULUONG" or "PHUBINH" => 0.9, "VONHAI" => 0.7,
        _ => 1.0,
    };

    /// <summary>Weights of MD1–MD4 and ND1–ND4 by kind: the media carry directives and results, districts the one-stop desks.</summary>
    public static (double[] Objectives, double[] Themes) Weights(AgencyKind kind) => kind switch
    {
        AgencyKind.Media => ([0.4, 0.3, 0.2, 0.1], [0.3, 0.35, 0.15, 0.2]),
        AgencyKind.ProvincialOffice => ([0.3, 0.3, 0.1, 0.3], [0.35, 0.4, 0.15, 0.1]),
        AgencyKind.ServiceCentre => ([0.1, 0.6, 0.2, 0.1], [0.1, 0.7, 0.15, 0.05]),
        AgencyKind.DistrictCommittee => ([0.2, 0.4, 0.3, 0.1], [0.3, 0.4, 0.2, 0.1]),
        _ => ([0.35, 0.2, 0.15, 0.3], [0.4, 0.3, 0.25, 0.05]),
    };

    /// <summary>Headlines by theme (ND1–ND4), for news items, broadcasts and posts.</summary>
    public static readonly string[][] Headlines =
    [
        [
            "Đẩy mạnh cải cách thủ tục hành chính trên địa bàn tỉnh",
            "Thực hiện nghiêm cơ chế một cửa, một cửa liên thông theo Nghị định số 61/2018/NĐ-CP",
            "Thực hiện thủ tục hành chính trên môi trường điện tử theo Nghị định số 45/2020/NĐ-CP",
            "Nâng cao hiệu quả công tác kiểm soát thủ tục hành chính năm 2021",
            "Rà soát, đơn giản hóa thủ tục hành chính năm 2021",
            "Công khai, minh bạch thủ tục hành chính tại {D}",
            "Quán triệt Kế hoạch truyền thông hỗ trợ kiểm soát TTHC và thực hiện cơ chế một cửa",
            "Cải cách hành chính: chuyển biến từ nhận thức đến hành động",
        ],
        [
            "Đẩy mạnh nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia",
            "Người dân {D} làm quen với dịch vụ công trực tuyến mức độ 3, 4",
            "Thanh toán trực tuyến phí, lệ phí: thuận tiện cho người dân, doanh nghiệp",
            "Kết quả tiếp nhận, giải quyết hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh tháng {M}",
            "Bộ phận Một cửa cấp xã ở {D} nâng cao chất lượng phục vụ",
            "Tiếp nhận, xử lý phản ánh, kiến nghị của người dân, doanh nghiệp về quy định hành chính",
            "Nhận và trả kết quả thủ tục hành chính qua dịch vụ bưu chính công ích",
            "Đánh giá sự hài lòng của người dân đối với Bộ phận Một cửa",
            "Trách nhiệm, đạo đức công vụ của công chức tiếp nhận hồ sơ",
        ],
        [
            "Giải đáp vướng mắc của người dân về thủ tục hành chính",
            "Hỏi - đáp về thủ tục hành chính thường gặp",
            "Tháo gỡ khó khăn cho doanh nghiệp trong thực hiện thủ tục hành chính",
            "Đối thoại với doanh nghiệp về thủ tục đầu tư, đất đai",
        ],
        [
            "Gương sáng cán bộ Bộ phận Một cửa tận tụy phục vụ nhân dân",
            "Tập thể tiêu biểu trong cải cách thủ tục hành chính ở {D}",
            "Sáng kiến rút ngắn thời gian giải quyết hồ sơ tại {D}",
            "Mô hình “Một cửa hiện đại” ở {D}",
            "Người “giữ cửa” tận tâm ở Bộ phận Một cửa xã",
        ],
    ];

    /// <summary>What difficulties in applying the law an agency answers (ND3), by its field.</summary>
    public static string? FieldHeadline(string code) => code switch
    {
        "STP" => "Hướng dẫn thủ tục chứng thực, hộ tịch, lý lịch tư pháp",
        "STNMT" => "Giải đáp vướng mắc về thủ tục đất đai",
        "SKHDT" => "Hướng dẫn đăng ký doanh nghiệp qua mạng",
        "SXD" => "Tháo gỡ khó khăn về thủ tục cấp giấy phép xây dựng",
        "SLDTBXH" => "Giải đáp thủ tục trợ cấp thất nghiệp, chính sách người có công",
        "SGTVT" => "Hướng dẫn đổi giấy phép lái xe trực tuyến",
        "SYT" => "Hướng dẫn thủ tục cấp chứng chỉ hành nghề khám, chữa bệnh",
        "SGDDT" => "Hướng dẫn thủ tục cấp bản sao văn bằng, chứng chỉ",
        "SCT" => "Hướng dẫn thủ tục cấp giấy phép kinh doanh rượu, thuốc lá",
        "STC" => "Giải đáp vướng mắc về thanh toán phí, lệ phí trực tuyến",
        "SNNPTNT" => "Hướng dẫn thủ tục chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
        "BQLKCN" => "Tháo gỡ vướng mắc thủ tục đầu tư trong khu công nghiệp",
        "SNV" => "Giải đáp về thủ tục thi đua, khen thưởng và tôn giáo",
        _ => null,
    };

    public static readonly Dictionary<string, string[]> Frames = new()
    {
        ["BAO"] = ["{H}", "{H}", "Thái Nguyên: {H}", "{Dc}: {H}"],
        ["PTTH"] = ["Phóng sự: {H}", "Chuyên mục Cải cách hành chính: {H}", "Tọa đàm: {H}", "Thời sự tối: {H}"],
        ["CONG"] = ["{H}", "{H}", "Thái Nguyên: {H}"],
        ["WEB"] = ["{H}", "Tuyên truyền: {H}", "{H}"],
        ["TTCS"] = ["Chuyên mục cải cách hành chính: {H}", "Phát thanh tuyên truyền: {H}"],
        [DemoDataSeeder.SocialMediaChannelCode] = ["{H}", "Infographic: {H}", "Video ngắn: {H}", "{H}"],
    };

    public static readonly string[] Conferences =
    [
        "Hội nghị quán triệt Kế hoạch truyền thông hỗ trợ kiểm soát TTHC năm 2021",
        "Hội nghị tuyên truyền dịch vụ công trực tuyến cho cán bộ, công chức cấp xã",
        "Hội thảo nâng cao chất lượng giải quyết TTHC tại Bộ phận Một cửa",
        "Hội nghị đối thoại với doanh nghiệp về thủ tục hành chính",
        "Hội nghị phổ biến quy định về tiếp nhận, xử lý phản ánh, kiến nghị",
        "Hội nghị tuyên truyền cải cách hành chính cho đoàn viên, hội viên",
    ];

    public static readonly string[] Trainings =
    [
        "Lớp bồi dưỡng kỹ năng giao tiếp, ứng xử cho công chức Bộ phận Một cửa",
        "Lớp tập huấn sử dụng phần mềm một cửa điện tử",
        "Lớp tập huấn nghiệp vụ kiểm soát TTHC cho cán bộ đầu mối",
        "Tập huấn số hóa hồ sơ, kết quả giải quyết TTHC",
        "Tập huấn hướng dẫn người dân nộp hồ sơ, thanh toán trực tuyến",
    ];

    public static readonly string[] Guides =
    [
        "Tài liệu hướng dẫn nghiệp vụ kiểm soát TTHC",
        "Sổ tay hướng dẫn thực hiện dịch vụ công trực tuyến",
        "Tài liệu hỏi - đáp về cơ chế một cửa, một cửa liên thông",
        "Tài liệu hướng dẫn thanh toán trực tuyến phí, lệ phí",
    ];

    public static readonly string[] Billboards =
    [
        "Pano tuyên truyền cải cách thủ tục hành chính tại trung tâm {D}",
        "Pano hướng dẫn nộp hồ sơ trực tuyến tại trụ sở {A}",
        "Pano “Chính quyền phục vụ - Người dân hài lòng” tại {D}",
    ];

    public static readonly string[] Banners =
    [
        "Treo băng rôn tuyên truyền nộp hồ sơ trực tuyến trên các tuyến phố chính {D}",
        "Băng rôn hưởng ứng cải cách thủ tục hành chính tại trụ sở {A}",
        "Băng rôn tuyên truyền thanh toán trực tuyến phí, lệ phí tại {D}",
    ];

    public static readonly string[] Slogans =
    [
        "Khẩu hiệu “Cải cách thủ tục hành chính - Vì người dân, doanh nghiệp”",
        "Khẩu hiệu “Nộp hồ sơ trực tuyến - Tiết kiệm thời gian, chi phí”",
        "Khẩu hiệu “Một cửa hiện đại - Phục vụ tận tâm”",
        "Khẩu hiệu “Công khai, minh bạch thủ tục hành chính”",
    ];

    public static readonly string[] Leaflets =
    [
        "Tờ gấp hướng dẫn nộp hồ sơ trực tuyến trên Cổng Dịch vụ công",
        "Tờ rơi giới thiệu thủ tục hành chính thường gặp tại Bộ phận Một cửa",
        "Tờ gấp tuyên truyền thanh toán trực tuyến phí, lệ phí",
        "Tờ rơi tuyên truyền dịch vụ bưu chính công ích trong giải quyết TTHC",
        "Tờ gấp về quyền, nghĩa vụ của người dân khi thực hiện TTHC",
    ];

    public static readonly string[] Posters =
    [
        "Áp phích hướng dẫn quy trình tiếp nhận hồ sơ tại Bộ phận Một cửa",
        "Áp phích quét mã QR tra cứu thủ tục hành chính",
        "Áp phích tuyên truyền dịch vụ công trực tuyến mức độ 3, 4",
    ];

    public static readonly (string Agency, int Month, string Title)[] Contests =
    [
        ("SNV", 6, "Cuộc thi tìm hiểu cải cách hành chính tỉnh Thái Nguyên năm 2021"),
        ("STP", 9, "Cuộc thi trực tuyến tìm hiểu pháp luật về kiểm soát thủ tục hành chính"),
        ("TPTN", 8, "Cuộc thi “Công chức một cửa thân thiện” thành phố Thái Nguyên"),
        ("STTTT", 4, "Cuộc thi tìm hiểu dịch vụ công trực tuyến trên mạng xã hội"),
    ];

    public static readonly string[] Funding =
    [
        "Ngân sách nhà nước - kinh phí cải cách hành chính năm 2021",
        "Kinh phí chi thường xuyên của đơn vị",
        "Ngân sách nhà nước - kinh phí cải cách hành chính năm 2021",
    ];

    public const string MediaFunding = "Kinh phí đặt hàng tuyên truyền của tỉnh năm 2021";

    /// <summary>Communes and wards by district code, for recipients and difficulties.</summary>
    public static readonly Dictionary<string, string[]> Communes = new()
    {
        ["TPTN"] = ["phường Hoàng Văn Thụ", "phường Phan Đình Phùng", "phường Túc Duyên", "phường Quang Trung"],
        ["TPSC"] = ["phường Thắng Lợi", "phường Mỏ Chè", "phường Bách Quang"],
        ["TXPY"] = ["phường Ba Hàng", "phường Đồng Tiến", "phường Bãi Bông"],
        ["DINHHOA"] = ["thị trấn Chợ Chu", "xã Trung Hội", "xã Phượng Tiến"],
        ["PHULUONG"] = ["thị trấn Đu", "xã Yên Lạc", "xã Động Đạt"],
        ["DONGHY"] = ["thị trấn Trại Cau", "xã Hóa Thượng", "xã Nam Hòa"],
        ["VONHAI"] = ["thị trấn Đình Cả", "xã La Hiên", "xã Tràng Xá"],
        ["DAITU"] = ["thị trấn Hùng Sơn", "xã Hà Thượng", "xã Phú Xuyên", "xã Tân Thái"],
        ["PHUBINH"] = ["thị trấn Hương Sơn", "xã Kha Sơn", "xã Úc Kỳ"],
    };

    public static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Ma", "Hà", "Lâm", "Nông"];
    public static readonly string[] MaleNames = ["Văn Hùng", "Đức Thắng", "Minh Tuấn", "Văn Long", "Quang Huy", "Văn Dũng", "Mạnh Cường", "Hữu Phúc", "Văn Hải"];
    public static readonly string[] FemaleNames = ["Thị Hà", "Thị Lan", "Thu Hương", "Thị Thảo", "Thị Hằng", "Ngọc Anh", "Thị Phương", "Thu Trang", "Thị Mai"];

    public static readonly string[] Achievements =
    [
        "Tiếp nhận, giải quyết {N} hồ sơ TTHC trong {P}, 100% đúng và trước hạn, không để xảy ra phản ánh, kiến nghị.",
        "Hướng dẫn, hỗ trợ người dân nộp hồ sơ trực tuyến; tỷ lệ hồ sơ trực tuyến mức độ 3, 4 trong {P} đạt {R}%.",
        "Có sáng kiến rút ngắn thời gian giải quyết thủ tục từ {X} ngày xuống {Y} ngày.",
        "Được người dân đánh giá hài lòng 100% trong {P}.",
        "Tích cực tuyên truyền, vận động người dân sử dụng dịch vụ công trực tuyến và thanh toán trực tuyến trong {P}.",
    ];

    /// <summary>What officers write when they send a period report.</summary>
    public static readonly string[] ReportCommentaries =
    [
        "Đơn vị đã cập nhật đầy đủ các hoạt động truyền thông trong kỳ; kinh phí lấy từ nguồn chi thường xuyên.",
        "Các hoạt động trong kỳ bám sát Kế hoạch của đơn vị; một số hội nghị chuyển sang hình thức trực tuyến.",
        "Đã rà soát số liệu với bộ phận một cửa; tin, bài đăng trên cổng thông tin điện tử có đường dẫn minh chứng.",
        "Số liệu tờ rơi, pano, băng rôn được tổng hợp từ báo cáo của các xã, phường, thị trấn.",
    ];

    /// <summary>The Office's reason for the demo's sent-back report.</summary>
    public const string SendBackComment =
        "Đề nghị bổ sung đường dẫn minh chứng cho các tin, bài đăng trong tháng 8 và tách riêng số lượt phát trên sóng phát thanh.";

    public static readonly string[] Periods = ["Quý I/2021", "6 tháng đầu năm 2021", "Quý III/2021", "9 tháng đầu năm 2021"];

    /// <summary>Difficulties agencies raise, with the Office's answer: (title, content, answer).</summary>
    public static readonly (string Title, string Content, string Answer)[] Difficulties =
    [
        ("Đường truyền Internet tại một số xã chưa ổn định",
         "Tại các xã vùng sâu của {D}, đường truyền thường xuyên gián đoạn, ảnh hưởng việc tiếp nhận hồ sơ trên phần mềm một cửa điện tử và việc nộp hồ sơ trực tuyến của người dân.",
         "Văn phòng UBND tỉnh đã đề nghị Sở Thông tin và Truyền thông phối hợp với các doanh nghiệp viễn thông rà soát, nâng cấp hạ tầng mạng tại các xã có phản ánh; đề nghị đơn vị tổng hợp danh sách điểm cụ thể gửi Sở."),
        ("Người dân chưa quen nộp hồ sơ trực tuyến",
         "Tỷ lệ hồ sơ trực tuyến mức độ 3, 4 còn thấp; nhiều người dân, nhất là người cao tuổi và đồng bào dân tộc thiểu số, chưa có tài khoản trên Cổng Dịch vụ công.",
         "Đề nghị đơn vị bố trí công chức hướng dẫn trực tiếp tại Bộ phận Một cửa, phối hợp với Đoàn Thanh niên hỗ trợ người dân tạo tài khoản; Văn phòng UBND tỉnh sẽ cung cấp tờ gấp hướng dẫn cho đơn vị."),
        ("Thiếu kinh phí in ấn tài liệu tuyên truyền",
         "Kinh phí năm 2021 của đơn vị chưa bố trí riêng cho tuyên truyền kiểm soát TTHC, không đủ để in tờ rơi, pano theo kế hoạch đơn vị.",
         "Kinh phí thực hiện từ nguồn chi thường xuyên của đơn vị theo Kế hoạch số 20/KH-UBND; Văn phòng UBND tỉnh sẽ cung cấp bản mềm tờ gấp để đơn vị in, phát hành với số lượng phù hợp."),
        ("Phần mềm một cửa điện tử chưa liên thông với phần mềm chuyên ngành",
         "Một số thủ tục phải nhập liệu hai lần trên phần mềm một cửa điện tử của tỉnh và phần mềm chuyên ngành của Bộ, gây mất thời gian của công chức tiếp nhận.",
         "Văn phòng UBND tỉnh đã có văn bản đề nghị Văn phòng Chính phủ và Bộ quản lý ngành hướng dẫn kết nối; trong thời gian chờ, đề nghị đơn vị cập nhật đầy đủ trạng thái hồ sơ trên phần mềm một cửa của tỉnh."),
        ("Chưa có hướng dẫn thống nhất về thanh toán phí, lệ phí trực tuyến",
         "Đơn vị còn lúng túng trong đối soát, hoàn trả phí, lệ phí khi người dân thanh toán trực tuyến qua Cổng Dịch vụ công quốc gia.",
         "Sở Tài chính đang phối hợp với Kho bạc Nhà nước tỉnh xây dựng hướng dẫn; Văn phòng UBND tỉnh sẽ gửi hướng dẫn tới các đơn vị ngay khi ban hành."),
        ("Công chức Bộ phận Một cửa cấp xã kiêm nhiệm nhiều việc",
         "Công chức tiếp nhận hồ sơ tại Bộ phận Một cửa nhiều xã phải kiêm nhiệm, khó bố trí thời gian tham gia tập huấn và tuyên truyền.",
         "Đề nghị UBND cấp huyện chỉ đạo UBND cấp xã bố trí lịch trực hợp lý; Văn phòng UBND tỉnh sẽ tổ chức tập huấn trực tuyến để công chức cấp xã tham gia thuận tiện."),
        ("Thiếu tài liệu tuyên truyền bằng tiếng dân tộc thiểu số",
         "Địa bàn có đông đồng bào dân tộc Tày, Nùng, Dao, Mông; tài liệu tuyên truyền về thủ tục hành chính hiện chỉ có bằng tiếng Việt.",
         "Văn phòng UBND tỉnh phối hợp với Ban Dân tộc nghiên cứu biên dịch tờ gấp hướng dẫn sang tiếng Tày, Nùng; đề nghị đơn vị phát huy người có uy tín trong cộng đồng để tuyên truyền trực tiếp."),
        ("Thiết bị đánh giá mức độ hài lòng ít được sử dụng",
         "Thiết bị đánh giá tại Bộ phận Một cửa thường xuyên hỏng; người dân ít đánh giá qua Cổng Dịch vụ công.",
         "Đề nghị đơn vị kiểm tra, thay thế thiết bị; Văn phòng UBND tỉnh sẽ phối hợp với Trung tâm Phục vụ hành chính công tỉnh hướng dẫn đánh giá qua mã QR."),
        ("Số hóa hồ sơ, kết quả giải quyết TTHC còn chậm",
         "Đơn vị thiếu máy quét và nhân lực để số hóa hồ sơ, kết quả giải quyết TTHC theo Nghị định số 45/2020/NĐ-CP.",
         "Văn phòng UBND tỉnh đã tổng hợp, đề xuất UBND tỉnh bố trí kinh phí mua sắm thiết bị; trước mắt đề nghị đơn vị ưu tiên số hóa kết quả các thủ tục phát sinh nhiều hồ sơ."),
        ("Tin, bài trên trang thông tin điện tử chưa được cập nhật thường xuyên",
         "Đơn vị chưa có cán bộ chuyên trách quản trị trang thông tin điện tử, tin, bài về kiểm soát TTHC chưa được cập nhật thường xuyên.",
         "Đề nghị đơn vị phân công cán bộ phụ trách; Văn phòng UBND tỉnh sẽ chia sẻ tin, bài của Cổng thông tin điện tử tỉnh để đơn vị đăng lại."),
        ("Khó tiếp cận số liệu về kết quả giải quyết TTHC",
         "Phóng viên gặp khó khăn khi đề nghị một số đơn vị cung cấp số liệu giải quyết TTHC để xây dựng tin, bài.",
         "Văn phòng UBND tỉnh là đầu mối cung cấp thông tin (NV7); đề nghị liên hệ Phòng Kiểm soát TTHC để được cung cấp số liệu hằng tháng."),
    ];

    /// <summary>Vietnamese abbreviations agencies use in document numbers (15/KH-STP).</summary>
    public static string DocumentSuffix(string code, AgencyKind kind) => kind == AgencyKind.DistrictCommittee ? "UBND" : code switch
    {
        "SKHDT" => "SKHĐT", "SNNPTNT" => "SNN", "SLDTBXH" => "SLĐTBXH", "SGDDT" => "SGDĐT", "SNGV" => "SNgV",
        "TTRA" => "TTr", "BQLKCN" => "BQL", "TTPVHCC" => "TTPVHCC",
        _ => code,
    };
}
