using CommsPlan.Core.Access;
using CommsPlan.Core.Plans;

namespace CommsPlan.Core.Data.Seeding;

/// <summary>
/// Plan No. 20/KH-UBND of Thái Nguyên province (04/02/2021), in the plan's own wording: the data
/// every figure of CommsPlan counts against. Seeded once; administrators edit it afterwards.
/// </summary>
public static class Plan2021Catalogue
{
    public const string PlanNumber = "20/KH-UBND";

    public static Plan CreatePlan() => new()
    {
        Number = PlanNumber,
        Title = "Kế hoạch truyền thông hỗ trợ hoạt động kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa, "
              + "một cửa liên thông trong giải quyết thủ tục hành chính trên địa bàn tỉnh Thái Nguyên năm 2021",
        IssuedOn = new DateOnly(2021, 2, 4),
        Issuer = "Ủy ban nhân dân tỉnh Thái Nguyên",
        IssuePlace = "Thái Nguyên",
        SignerTitle = "KT. Chủ tịch - Phó Chủ tịch",
        Signer = "Lê Quang Tiến",
        Year = 2021,
        IsIssued = true,
        PeriodStart = new DateOnly(2021, 1, 1),
        PeriodEnd = new DateOnly(2021, 12, 31),
        Preamble = "Nhằm tiếp tục đẩy mạnh tuyên truyền về công tác kiểm soát thủ tục hành chính (TTHC) và thực hiện "
                 + "cơ chế một cửa, một cửa liên thông trong giải quyết TTHC UBND tỉnh ban hành Kế hoạch truyền thông hỗ trợ "
                 + "hoạt động kiểm soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC trên địa bàn "
                 + "tỉnh Thái Nguyên năm 2021.",
        FundingText = "Kinh phí thực hiện kế hoạch do ngân sách nhà nước cấp theo quy định hiện hành.",
        FeedbackText = "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc các cơ quan, đơn vị phản ánh về Văn phòng UBND tỉnh "
                     + "để tổng hợp, báo cáo UBND tỉnh xem xét, giải quyết.",
        Objectives =
        [
            Item<Objective>("MD1", "MĐ1", "Tuyên truyền văn bản chỉ đạo trên phương tiện thông tin đại chúng",
                "Đẩy mạnh công tác tuyên truyền trên các phương tiện thông tin đại chúng về các văn bản chỉ đạo của Chính phủ, "
                + "Thủ tướng Chính phủ, của các Bộ, ngành Trung ương và các văn bản chỉ đạo, hướng dẫn của địa phương đối với công tác "
                + "cải cách TTHC, kiểm soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC."),
            Item<Objective>("MD2", "MĐ2", "Nâng cao nhận thức về tiếp nhận, trả kết quả TTHC",
                "Nâng cao nhận thức của các cơ quan, tổ chức, các cá nhân về việc tiếp nhận và trả kết quả giải quyết TTHC tại "
                + "Trung tâm Phục vụ hành chính công và Bộ phận Một cửa cấp huyện, cấp xã."),
            Item<Objective>("MD3", "MĐ3", "Tạo đồng thuận, ủng hộ của nhân dân",
                "Tạo sự đồng thuận, ủng hộ của nhân dân, thúc đẩy sự quyết tâm của các cấp, các ngành, khắc phục khó khăn, thực hiện "
                + "có hiệu quả công tác cải cách TTHC, kiểm soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết "
                + "TTHC trên địa bàn tỉnh."),
            Item<Objective>("MD4", "MĐ4", "Nâng cao trách nhiệm các cấp, các ngành",
                "Nâng cao ý thức, trách nhiệm của các cấp, các ngành trong việc triển khai thực hiện nhiệm vụ kiểm soát TTHC và thực "
                + "hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC năm 2021, góp phần nâng cao chất lượng phục vụ nhân dân."),
        ],
        Requirements =
        [
            Item<Requirement>("YC1", "YC1", "Sâu rộng, toàn diện, nhiều hình thức",
                "Công tác truyền thông về kiểm soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC được "
                + "tổ chức sâu rộng, toàn diện, bằng nhiều hình thức, phù hợp với từng nội dung, từng đối tượng và điều kiện cụ thể của "
                + "từng cơ quan, đơn vị, địa phương, đảm bảo bám sát chủ trương, chính sách, quy định của Đảng, pháp luật của Nhà nước."),
            Item<Requirement>("YC2", "YC2", "Tăng cường phối hợp",
                "Tăng cường phối hợp với các Sở, Ban, ngành, UBND các huyện, thành phố, thị xã và các cơ quan thông tin, tuyên truyền "
                + "trên địa bàn thực hiện công tác truyền thông về kiểm soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông trong "
                + "giải quyết TTHC có chất lượng, hiệu quả, đáp ứng được yêu cầu, nhiệm vụ của các cấp chính quyền trên địa bàn tỉnh."),
        ],
        Themes =
        [
            Item<ContentTheme>("ND1", "ND1", "Chủ trương, chính sách, pháp luật",
                "Giới thiệu, tuyên truyền, phổ biến thường xuyên, liên tục, kịp thời, có hiệu quả các chủ trương, chính sách của Đảng, "
                + "pháp luật của Nhà nước về công tác cải cách TTHC, kiểm soát TTHC, tổ chức thực hiện cơ chế một cửa, một cửa liên "
                + "thông trong giải quyết TTHC; tầm quan trọng, ý nghĩa, các nội dung cơ bản của công tác kiểm soát TTHC, thực hiện cơ "
                + "chế một cửa, một cửa liên thông trong giải quyết TTHC."),
            Item<ContentTheme>("ND2", "ND2", "Dịch vụ công trực tuyến, kết quả một cửa",
                "Tuyên truyền các nội dung, quy định về thực hiện dịch vụ công trực tuyến và thanh toán trực tuyến trên Cổng dịch vụ "
                + "công của tỉnh và Cổng dịch vụ công Quốc gia; Kết quả việc tiếp nhận và trả kết quả giải quyết TTHC tại Trung tâm Phục "
                + "vụ hành chính công tỉnh và Bộ phận một cửa cấp huyện, cấp xã; Quy định về quyền và nghĩa vụ, trách nhiệm, đạo đức của "
                + "cán bộ, công chức, viên chức trong thực thi công vụ, nhất là trong thực hiện công tác tiếp nhận, giải quyết TTHC và "
                + "các phản ánh, kiến nghị của người dân và doanh nghiệp về quy định hành chính thuộc thẩm quyền của các cấp, các ngành."),
            Item<ContentTheme>("ND3", "ND3", "Giải đáp, tháo gỡ khó khăn, vướng mắc",
                "Giải đáp, tháo gỡ những khó khăn, vướng mắc trong thực hiện các quy định của pháp luật, nhất là trong thực hiện TTHC "
                + "cho người dân và doanh nghiệp."),
            Item<ContentTheme>("ND4", "ND4", "Biểu dương tập thể, cá nhân tiêu biểu",
                "Tuyên truyền, biểu dương những tập thể, cá nhân có thành tích xuất sắc trong công tác cải cách TTHC; kiểm soát TTHC "
                + "và thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC."),
        ],
        FormGroups =
        [
            Group("HT1", "Thông tin đại chúng",
                "Thực hiện thông tin tuyên truyền trên các phương tiện thông tin đại chúng: Xây dựng chuyên trang, chuyên mục, chuyên "
                + "đề trên các ấn phẩm của Báo Thái Nguyên, Đài Phát thanh - Truyền hình tỉnh, Đài Truyền thanh các huyện, thành phố, "
                + "thị xã; Cổng thông tin điện tử của tỉnh và trang thông tin điện tử của các Sở, Ban, ngành, UBND các huyện, thành "
                + "phố, thị xã.", 1,
                Ch("BAO", "Tin, bài trên báo", "tin, bài"),
                Ch("PTTH", "Chương trình, phóng sự phát thanh - truyền hình", "chương trình, phóng sự", "Thời lượng (phút)", "phút"),
                Ch("TTCS", "Phát trên đài truyền thanh cấp huyện", "lượt phát", "Thời lượng (phút)", "phút"),
                Ch("CONG", "Tin, bài trên Cổng thông tin điện tử tỉnh", "tin, bài"),
                Ch("WEB", "Tin, bài trên trang thông tin điện tử của đơn vị", "tin, bài")),
            Group("HT2", "Lồng ghép",
                "Lồng ghép thông qua tài liệu hướng dẫn nghiệp vụ; hội nghị, hội thảo, tổ chức các cuộc thi tuyên truyền; thông qua "
                + "các lớp đào tạo, bồi dưỡng nghiệp vụ...", 6,
                Ch("TAILIEU", "Tài liệu hướng dẫn nghiệp vụ", "tài liệu", "Số bản", "bản"),
                Ch("HOINGHI", "Hội nghị, hội thảo", "hội nghị, hội thảo", "Số người tham dự", "lượt người"),
                Ch("CUOCTHI", "Cuộc thi tuyên truyền", "cuộc thi", "Số bài dự thi, người tham gia", "lượt"),
                Ch("TAPHUAN", "Lớp đào tạo, bồi dưỡng nghiệp vụ", "lớp", "Số học viên", "lượt người")),
            Group("HT3", "Trực quan, ấn phẩm",
                "Kết hợp với các hình thức tuyên truyền khác như pano, băng rôn, khẩu hiệu, tờ rơi, áp phích.", 10,
                Ch("PANO", "Pano", "cái"),
                Ch("BANGRON", "Băng rôn", "cái"),
                Ch("KHAUHIEU", "Khẩu hiệu", "khẩu hiệu"),
                Ch("TOROI", "Tờ rơi, tờ gấp", "tờ"),
                Ch("APPHICH", "Áp phích", "tờ")),
        ],
        Assignments =
        [
            Task("NV1", "Xây dựng kế hoạch truyền thông của đơn vị", UnitBound,
                "Căn cứ vào Kế hoạch này xây dựng Kế hoạch truyền thông hỗ trợ hoạt động kiểm soát TTHC và thực hiện cơ chế một cửa, "
                + "một cửa liên thông trong giải quyết TTHC trong phạm vi đơn vị; hoàn thành trong Quý I/2021.",
                new DateOnly(2021, 3, 31), isUnitPlanAssignment: true),
            Task("NV2", "Thực hiện hoạt động tuyên truyền", UnitBound,
                "Chủ động thực hiện tốt các hoạt động tuyên truyền theo chức năng, nhiệm vụ được phân công."),
            Task("NV3", "Tuyên truyền đến cán bộ, người dân, doanh nghiệp", UnitBound,
                "Thường xuyên phối hợp với các cơ quan, đơn vị có liên quan đẩy mạnh công tác tuyên truyền đến toàn thể cán bộ, công "
                + "chức, viên chức, người lao động trong cơ quan, đơn vị; tuyên truyền đến người dân và doanh nghiệp về công tác kiểm "
                + "soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC."),
            Task("NV4", "Giới thiệu gương điển hình", UnitBound,
                "Giới thiệu, đẩy mạnh tuyên truyền về các tấm gương điển hình, tiêu biểu trong việc thực hiện hoạt động kiểm soát TTHC "
                + "và tổ chức thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC."),
            Task("NV5", "Báo cáo trong báo cáo định kỳ", UnitBound,
                "Báo cáo UBND tỉnh công tác truyền thông về hoạt động kiểm soát TTHC và tổ chức thực hiện cơ chế một cửa, một cửa liên "
                + "thông tại đơn vị, địa phương trong báo cáo định kỳ về kết quả thực hiện công tác kiểm soát TTHC."),
            Task("NV6", "Kiểm tra, đôn đốc, tổng hợp", AgencyKinds.ProvincialOffice,
                "Tổ chức kiểm tra, đôn đốc việc thực hiện kế hoạch; tham mưu, đề xuất các giải pháp xử lý, chấn chỉnh, hướng dẫn thực "
                + "hiện kế hoạch này trên địa bàn tỉnh; tổng hợp kết quả thực hiện báo cáo UBND tỉnh."),
            Task("NV7", "Đầu mối cung cấp thông tin, tài liệu", AgencyKinds.ProvincialOffice,
                "Là đầu mối cung cấp thông tin và hỗ trợ tài liệu tuyên truyền về hoạt động kiểm soát TTHC và tổ chức thực hiện cơ chế "
                + "một cửa, một cửa liên thông cho các cơ quan, đơn vị trên địa bàn tỉnh Thái Nguyên."),
            Task("NV8", "Biên tập, phát hành tờ rơi, tờ gấp", AgencyKinds.ProvincialOffice,
                "Chủ trì, phối hợp với các cơ quan liên quan biên tập nội dung, phát hành tờ rơi, tờ gấp về công tác cải cách hành "
                + "chính, công tác kiểm soát TTHC và tổ chức thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC."),
            Task("NV9", "Phối hợp với cơ quan báo chí", AgencyKinds.ProvincialOffice,
                "Phối hợp với các cơ quan thông tấn, báo chí duy trì việc đăng tải thông tin, nội dung, kết quả hoạt động kiểm soát "
                + "TTHC và tổ chức thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC trên địa bàn tỉnh; việc thực hiện "
                + "tiếp nhận và trả kết quả giải quyết TTHC tại Trung tâm Phục vụ hành chính công."),
            Task("NV10", "Thường xuyên đưa tin", AgencyKinds.Media,
                "Thường xuyên tuyên truyền, đưa tin về hoạt động kiểm soát TTHC và tổ chức thực hiện cơ chế một cửa, một cửa liên "
                + "thông trong giải quyết TTHC trên địa bàn tỉnh."),
            Task("NV11", "Giới thiệu sáng kiến, gương tiêu biểu", AgencyKinds.Media,
                "Tuyên truyền, giới thiệu về các sáng kiến, kinh nghiệm, gương cá nhân, tập thể tiêu biểu, điển hình trong việc thực "
                + "hiện nhiệm vụ cải cách TTHC."),
        ],
    };

    /// <summary>Section III.1 binds the departments, boards and sectors and the district committees.</summary>
    private const AgencyKinds UnitBound = AgencyKinds.Department | AgencyKinds.DistrictCommittee | AgencyKinds.ServiceCentre;

    private static T Item<T>(string code, string displayCode, string shortName, string text) where T : PlanItem, new() =>
        new() { Code = code, DisplayCode = displayCode, ShortName = shortName, Text = text, SortOrder = OrderOf(code) };

    private static Assignment Task(string code, string shortName, AgencyKinds binds, string text, DateOnly? deadline = null,
        bool isUnitPlanAssignment = false) =>
        new()
        {
            Code = code, DisplayCode = code, ShortName = shortName, Text = text, Binds = binds, Deadline = deadline,
            IsUnitPlanAssignment = isUnitPlanAssignment, SortOrder = OrderOf(code),
        };

    private static FormGroup Group(string code, string shortName, string text, int firstChannelOrder, params Channel[] channels)
    {
        for (var i = 0; i < channels.Length; i++) channels[i].SortOrder = firstChannelOrder + i;
        return new() { Code = code, DisplayCode = code, ShortName = shortName, Text = text, SortOrder = OrderOf(code), Channels = [.. channels] };
    }

    private static Channel Ch(string code, string name, string unit, string? secondLabel = null, string? secondUnit = null) =>
        new() { Code = code, Name = name, Unit = unit, SecondMeasureLabel = secondLabel, SecondMeasureUnit = secondUnit };

    /// <summary>The number at the end of a code (MD3 → 3, NV11 → 11): catalogue order.</summary>
    private static int OrderOf(string code) => int.Parse(new string(code.SkipWhile(c => !char.IsDigit(c)).ToArray()));

    /// <summary>The 33 agencies of the province in 2021, in the order the plan's recipients list them.</summary>
    public static IReadOnlyList<Agency> CreateAgencies()
    {
        var rows = new (string Code, string Name, AgencyKind Kind)[]
        {
            ("VPUBND", "Văn phòng UBND tỉnh", AgencyKind.ProvincialOffice),
            ("TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh", AgencyKind.ServiceCentre),
            ("SNV", "Sở Nội vụ", AgencyKind.Department),
            ("STP", "Sở Tư pháp", AgencyKind.Department),
            ("SKHDT", "Sở Kế hoạch và Đầu tư", AgencyKind.Department),
            ("STC", "Sở Tài chính", AgencyKind.Department),
            ("SCT", "Sở Công Thương", AgencyKind.Department),
            ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", AgencyKind.Department),
            ("SGTVT", "Sở Giao thông vận tải", AgencyKind.Department),
            ("SXD", "Sở Xây dựng", AgencyKind.Department),
            ("STNMT", "Sở Tài nguyên và Môi trường", AgencyKind.Department),
            ("STTTT", "Sở Thông tin và Truyền thông", AgencyKind.Department),
            ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", AgencyKind.Department),
            ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", AgencyKind.Department),
            ("SKHCN", "Sở Khoa học và Công nghệ", AgencyKind.Department),
            ("SGDDT", "Sở Giáo dục và Đào tạo", AgencyKind.Department),
            ("SYT", "Sở Y tế", AgencyKind.Department),
            ("SNGV", "Sở Ngoại vụ", AgencyKind.Department),
            ("TTRA", "Thanh tra tỉnh", AgencyKind.Department),
            ("BDT", "Ban Dân tộc", AgencyKind.Department),
            ("BQLKCN", "Ban Quản lý các Khu công nghiệp", AgencyKind.Department),
            ("TPTN", "UBND thành phố Thái Nguyên", AgencyKind.DistrictCommittee),
            ("TPSC", "UBND thành phố Sông Công", AgencyKind.DistrictCommittee),
            ("TXPY", "UBND thị xã Phổ Yên", AgencyKind.DistrictCommittee),
            ("DINHHOA", "UBND huyện Định Hóa", AgencyKind.DistrictCommittee),
            ("PHULUONG", "UBND huyện Phú Lương", AgencyKind.DistrictCommittee),
            ("DONGHY", "UBND huyện Đồng Hỷ", AgencyKind.DistrictCommittee),
            ("VONHAI", "UBND huyện Võ Nhai", AgencyKind.DistrictCommittee),
            ("DAITU", "UBND huyện Đại Từ", AgencyKind.DistrictCommittee),
            ("PHUBINH", "UBND huyện Phú Bình", AgencyKind.DistrictCommittee),
            ("BAOTN", "Báo Thái Nguyên", AgencyKind.Media),
            ("DAIPTTH", "Đài Phát thanh - Truyền hình tỉnh", AgencyKind.Media),
            ("TTTT", "Trung tâm Thông tin tỉnh", AgencyKind.Media),
        };
        return rows.Select((r, i) => WithHeader(new Agency
        {
            Code = r.Code, Name = r.Name, Kind = r.Kind, IsActive = true,
            ValidFrom = new DateOnly(2021, 1, 1), SortOrder = i + 1,
        })).ToList();
    }

    /// <summary>
    /// Sets the agency's document header from <see cref="IssuingBodyDefaults"/> (issue 19). Signer names and mailboxes are
    /// not public data the plan gives, so they are left for the administrator; the papers leave the name to be handwritten.
    /// </summary>
    public static Agency WithHeader(Agency agency)
    {
        if (IssuingBodyDefaults.Seeded(agency.Code) is not { } header) return agency;
        agency.IssuerSuperior = header.Superior;
        agency.IssuerName = header.Name;
        agency.DocumentStyle = header.Style;
        agency.DocumentSymbol = header.Symbol;
        agency.DocumentPlace = header.Place;
        agency.SignerTitle = header.SignerTitle;
        return agency;
    }

    /// <summary>The nine district-level areas (địa bàn) of the province in 2021.</summary>
    public static IReadOnlyList<District> CreateDistricts()
    {
        var rows = new (string Code, string Name)[]
        {
            ("TPTN", "Thành phố Thái Nguyên"), ("TPSC", "Thành phố Sông Công"), ("TXPY", "Thị xã Phổ Yên"),
            ("DINHHOA", "Huyện Định Hóa"), ("PHULUONG", "Huyện Phú Lương"), ("DONGHY", "Huyện Đồng Hỷ"),
            ("VONHAI", "Huyện Võ Nhai"), ("DAITU", "Huyện Đại Từ"), ("PHUBINH", "Huyện Phú Bình"),
        };
        return rows.Select((r, i) => new District { Code = r.Code, Name = r.Name, SortOrder = i + 1 }).ToList();
    }
}
