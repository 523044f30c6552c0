using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CommsPlan.Core.Access;
using CommsPlan.Core.Common;

namespace CommsPlan.Core.Audit;

/// <summary>The audit history in words a user reads: Vietnamese names of records, fields and values.</summary>
public static partial class AuditLabels
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private static readonly Dictionary<string, string> EntityTypes = new()
    {
        ["Activity"] = "Hoạt động",
        ["UnitPlan"] = "Kế hoạch đơn vị",
        ["Commendation"] = "Biểu dương",
        ["Difficulty"] = "Khó khăn, vướng mắc",
        ["Agency"] = "Đơn vị",
        ["AppUser"] = "Người dùng",
        ["PeriodReport"] = "Báo cáo định kỳ",
        ["UrgingNotice"] = "Công văn đôn đốc",
        ["EvidenceFile"] = "Tệp minh chứng",
        ["Plan"] = "Kế hoạch",
        ["Objective"] = "Mục đích",
        ["Requirement"] = "Yêu cầu",
        ["ContentTheme"] = "Nội dung tuyên truyền",
        ["FormGroup"] = "Hình thức tuyên truyền",
        ["Assignment"] = "Nhiệm vụ",
        ["Channel"] = "Kênh tuyên truyền",
    };

    private static readonly Dictionary<string, string> Properties = new()
    {
        ["Title"] = "Tiêu đề",
        ["Description"] = "Mô tả",
        ["Period"] = "Kỳ báo cáo",
        ["Recipients"] = "Gửi đến",
        ["Agency"] = "Đơn vị",
        ["Channel"] = "Kênh",
        ["District"] = "Địa bàn",
        ["StartDate"] = "Ngày bắt đầu",
        ["EndDate"] = "Ngày kết thúc",
        ["Quantity"] = "Số lượng",
        ["SecondMeasure"] = "Chỉ số phụ",
        ["Objectives"] = "Mục đích",
        ["Themes"] = "Nội dung tuyên truyền",
        ["EvidenceUrl"] = "Đường dẫn minh chứng",
        ["Cost"] = "Kinh phí (đồng)",
        ["FundingSource"] = "Nguồn kinh phí",
        ["Notes"] = "Ghi chú",
        ["PlanId"] = "Kế hoạch",
        ["DocumentNumber"] = "Số, ký hiệu văn bản",
        ["IssuedOn"] = "Ngày ban hành",
        ["Link"] = "Đường dẫn",
        ["Targets"] = "Chỉ tiêu",
        ["Kind"] = "Loại",
        ["Recipient"] = "Cá nhân, tập thể",
        ["Achievement"] = "Thành tích",
        ["Date"] = "Ngày",
        ["Activity"] = "Hoạt động",
        ["Content"] = "Nội dung",
        ["RaisedOn"] = "Ngày nêu",
        ["Answer"] = "Trả lời",
        ["AnsweredOn"] = "Ngày trả lời",
        ["AnsweredBy"] = "Người trả lời",
        ["EnteredOnBehalfBy"] = OnBehalf.Label,
        ["Status"] = "Trạng thái",
        ["Code"] = "Mã",
        ["Name"] = "Tên",
        ["IsActive"] = "Đang hoạt động",
        ["ValidFrom"] = "Hoạt động từ ngày",
        ["ValidTo"] = "Hoạt động đến ngày",
        ["Successor"] = "Đơn vị tiếp nhận (sáp nhập)",
        ["SortOrder"] = "Thứ tự",
        ["IssuerSuperior"] = "Cơ quan cấp trên",
        ["IssuerName"] = "Tên cơ quan ban hành",
        ["DocumentStyle"] = "Thể thức văn bản",
        ["DocumentSymbol"] = "Chữ viết tắt trong số, ký hiệu",
        ["DocumentPlace"] = "Địa danh",
        ["SignerTitle"] = "Chức vụ người ký",
        ["SignerName"] = "Họ và tên người ký",
        ["ContactEmail"] = "Hộp thư của đơn vị",
        ["UserName"] = "Tên đăng nhập",
        ["FullName"] = "Họ và tên",
        ["Roles"] = "Vai trò",
        ["PasswordHash"] = "Mật khẩu",
        ["MustChangePassword"] = "Phải đổi mật khẩu khi đăng nhập",
        ["LockoutEnd"] = "Khóa tài khoản",
        ["LockoutEnabled"] = "Cho phép khóa khi nhập sai",
        ["Email"] = "Thư điện tử",
        ["EmailConfirmed"] = "Đã xác nhận thư điện tử",
        ["PhoneNumber"] = "Số điện thoại",
        ["PhoneNumberConfirmed"] = "Đã xác nhận số điện thoại",
        ["TwoFactorEnabled"] = "Xác thực hai lớp",
        ["PeriodKey"] = "Kỳ báo cáo",
        ["Commentary"] = "Nhận xét của đơn vị",
        ["SubmittedOn"] = "Ngày gửi",
        ["SubmittedBy"] = "Người gửi",
        ["FirstSubmittedOn"] = "Ngày gửi lần đầu",
        ["ReviewedOn"] = "Ngày duyệt/trả lại",
        ["ReviewedBy"] = "Người duyệt/trả lại",
        ["ReviewComment"] = "Ý kiến trả lại",
        ["FileName"] = "Tên tệp",
        ["Length"] = "Dung lượng (byte)",
        ["HasThumbnail"] = "Có ảnh thu nhỏ",
        ["UnitPlan"] = "Kế hoạch đơn vị",
        ["Commendation"] = "Biểu dương",
        ["Number"] = "Số kế hoạch",
        ["Issuer"] = "Cơ quan ban hành",
        ["IssuePlace"] = "Địa danh ban hành",
        ["Signer"] = "Người ký",
        ["Year"] = "Năm",
        ["IsIssued"] = "Đã ban hành",
        ["PeriodStart"] = "Thực hiện từ ngày",
        ["PeriodEnd"] = "Thực hiện đến ngày",
        ["Preamble"] = "Phần mở đầu",
        ["FundingText"] = "Kinh phí thực hiện",
        ["FeedbackText"] = "Phản ánh khó khăn, vướng mắc",
        ["DisplayCode"] = "Mã hiển thị",
        ["ShortName"] = "Tên ngắn",
        ["Text"] = "Nội dung",
        ["Binds"] = "Đơn vị thực hiện",
        ["Deadline"] = "Thời hạn",
        ["IsUnitPlanAssignment"] = "Là nhiệm vụ xây dựng kế hoạch của đơn vị",
        ["FormGroup"] = "Hình thức tuyên truyền",
        ["Unit"] = "Đơn vị tính",
        ["SecondMeasureLabel"] = "Chỉ số phụ",
        ["SecondMeasureUnit"] = "Đơn vị tính của chỉ số phụ",
    };

    public static string EntityType(string type) => EntityTypes.GetValueOrDefault(type, type);

    /// <summary>The audited record types known to this version, with their Vietnamese names (for filters).</summary>
    public static IReadOnlyDictionary<string, string> KnownEntityTypes => EntityTypes;

    public static string Action(AuditAction action) => action switch
    {
        AuditAction.Created => "Tạo mới",
        AuditAction.Updated => "Cập nhật",
        AuditAction.Deleted => "Xóa",
        _ => action.ToString(),
    };

    /// <summary>"Title" → "Tiêu đề"; a part's field "Targets[BAO].Quantity" → "Chỉ tiêu BAO · Số lượng".</summary>
    public static string Property(string property) => Property(property, null);

    /// <summary>As <see cref="Property(string)"/>, the part named <paramref name="partName"/> ("Chỉ tiêu Báo in · Số lượng").</summary>
    public static string Property(string property, string? partName)
    {
        var part = PartProperty().Match(property);
        if (part.Success)
            return $"{PropertyName(part.Groups["part"].Value)} {partName ?? part.Groups["label"].Value} · {PropertyName(part.Groups["field"].Value)}";
        return PropertyName(property);
    }

    /// <summary>The part and its recorded label of a part's field ("Targets", "BAO" for "Targets[BAO].Quantity"); null otherwise.</summary>
    public static (string Part, string Label)? PartOf(string property) =>
        PartProperty().Match(property) is { Success: true } part ? (part.Groups["part"].Value, part.Groups["label"].Value) : null;

    /// <summary>A recorded value as text: dates dd/MM/yyyy, numbers 1.234.567, names of kinds and roles; null when empty.</summary>
    public static string? Value(string property, JsonNode? value)
    {
        var field = PartProperty().Match(property) is { Success: true } part ? part.Groups["field"].Value : property;
        switch (value)
        {
            case null:
                return null;
            case JsonArray array:
                var items = array.Select(i => Value(field, i)).Where(i => !string.IsNullOrEmpty(i)).ToList();
                return items.Count == 0 ? null : string.Join(", ", items);
            case JsonValue scalar when scalar.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return scalar.GetValue<bool>() ? "Có" : "Không";
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.Number:
                return scalar.TryGetValue<long>(out var whole)
                    ? whole.ToString("N0", Vietnamese)
                    : scalar.GetValue<decimal>().ToString("N", Vietnamese);
        }
        var text = value.GetValue<string>();
        if (text == AuditRecorder.Redacted) return "(đã đổi)";
        return field switch
        {
            "Roles" => Roles.DisplayName(text),
            "Kind" when Enum.TryParse<AgencyKind>(text, out var kind) => kind.DisplayName(),
            "Binds" when Enum.TryParse<AgencyKinds>(text, out var kinds) => kinds.DisplayNames(),
            "Kind" when text == "Individual" => "Cá nhân",
            "Kind" when text == "Collective" => "Tập thể",
            "Kind" when Enum.TryParse<Evidence.EvidenceKind>(text, out var evidence) && !int.TryParse(text, out _) => Evidence.EvidenceKinds.DisplayName(evidence),
            "DocumentStyle" when text == "State" => "Nghị định 30/2020/NĐ-CP",
            "DocumentStyle" when text == "Party" => "Văn bản của Đảng",
            "Status" when text == "Open" => "Chưa trả lời",
            "Status" when text == "Answered" => "Đã trả lời",
            "Status" when Enum.TryParse<ReportingCycle.PeriodReportStatus>(text, out var report) && !int.TryParse(text, out _) => ReportingCycle.PeriodReportStatusExtensions.DisplayName(report),
            "PeriodKey" when ReportingCycle.ReportingPeriods.TryParse(text, out var period) => period.Title,
            "LockoutEnd" when text.StartsWith("9999-", StringComparison.Ordinal) => "Bị quản trị viên khóa",
            _ when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) =>
                VietnameseFormat.Date(day),
            _ when DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) =>
                VietnameseFormat.Time(at),
            _ => text,
        };
    }

    private static string PropertyName(string name) => Properties.GetValueOrDefault(name, name);

    [GeneratedRegex(@"^(?<part>\w+)\[(?<label>[^\]]*)\]\.(?<field>\w+)$")]
    private static partial Regex PartProperty();
}
