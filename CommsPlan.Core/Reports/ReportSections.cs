namespace CommsPlan.Core.Reports;

/// <summary>
/// The Word report's editable sections, in document order, with their headings (Decree 30's I/II/III and their parts).
/// Each section's text is generated from the figures until someone saves an edited text for the plan, period and scope.
/// </summary>
public static class ReportSections
{
    public const int MaxTextLength = 20_000;

    public const string Opening = "opening";
    public const string Channels = "channels";
    public const string Themes = "themes";
    public const string UnitPlans = "unit-plans";
    public const string Reporting = "reporting";
    public const string Commendations = "commendations";
    public const string Difficulties = "difficulties";
    public const string Proposals = "proposals";
    public const string NextTasks = "next-tasks";

    /// <summary>A section of the report: its key, the heading it sits under, and the label the editor shows.</summary>
    public sealed record Section(string Key, string Heading, string Label);

    /// <summary>Every section, in document order. "I."/"II."/"III." headings are the document's; "1."… are the sections'.</summary>
    public static IReadOnlyList<Section> All { get; } =
    [
        new(Opening, "", "Mở đầu"),
        new(Channels, "1. Kết quả theo hình thức, kênh tuyên truyền", "I.1. Kết quả theo hình thức, kênh tuyên truyền"),
        new(Themes, "2. Kết quả theo mục đích, nội dung tuyên truyền", "I.2. Kết quả theo mục đích, nội dung tuyên truyền"),
        new(UnitPlans, "3. Xây dựng kế hoạch truyền thông của cơ quan, đơn vị", "I.3. Kế hoạch truyền thông của cơ quan, đơn vị"),
        new(Reporting, "4. Tình hình gửi báo cáo định kỳ", "I.4. Tính đầy đủ, kịp thời của báo cáo định kỳ"),
        new(Commendations, "5. Biểu dương tập thể, cá nhân tiêu biểu", "I.5. Biểu dương"),
        new(Difficulties, "1. Khó khăn, vướng mắc", "II.1. Khó khăn, vướng mắc"),
        new(Proposals, "2. Đề xuất, kiến nghị", "II.2. Đề xuất, kiến nghị"),
        new(NextTasks, "", "III. Nhiệm vụ trọng tâm kỳ tới"),
    ];

    public static bool IsKnown(string key) => All.Any(s => s.Key == key);
}
