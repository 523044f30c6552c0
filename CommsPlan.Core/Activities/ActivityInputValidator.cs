using System.Globalization;
using FluentValidation;

namespace CommsPlan.Core.Activities;

/// <summary>
/// The one set of rules for an activity, used by the form, the Excel import and the service before it saves.
/// It works on data handed in (<see cref="ActivityValidationContext"/>), so validating 10,000 imported rows costs
/// no query. Messages are Vietnamese and name the field by its on-screen label.
/// </summary>
public sealed class ActivityInputValidator : AbstractValidator<ActivityInput>
{
    /// <summary>On-screen labels, shared with the form and the import so a message points at what the user sees.</summary>
    public static class Labels
    {
        public const string Agency = "Đơn vị";
        public const string Channel = "Hình thức";
        public const string Title = "Tên hoạt động";
        public const string Description = "Mô tả";
        public const string StartDate = "Ngày thực hiện";
        public const string EndDate = "Ngày kết thúc";
        public const string Quantity = "Số lượng";
        public const string SecondMeasure = "Chỉ số phụ";
        public const string Objectives = "Mục đích";
        public const string Themes = "Nội dung tuyên truyền";
        public const string District = "Địa bàn";
        public const string EvidenceUrl = "Minh chứng";
        public const string Cost = "Kinh phí (đồng)";
        public const string FundingSource = "Nguồn kinh phí";
        public const string Notes = "Ghi chú";
        public const string ExternalId = "Mã ở hệ thống nguồn";
    }

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public ActivityValidationContext Context { get; }

    public ActivityInputValidator(ActivityValidationContext context)
    {
        Context = context;
        var catalogue = context.Catalogue;
        var period = $"{Date(catalogue.PeriodStart)} – {Date(catalogue.PeriodEnd)}";
        // One message per field: the first rule that fails says what to fix.
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(x => x.AgencyId)
            .NotNull().WithMessage($"Chưa chọn {Labels.Agency}.")
            .Must(id => catalogue.FindAgency(id) is not null).WithMessage($"{Labels.Agency} không có trong danh mục.")
            .Must(id => catalogue.FindAgency(id)!.IsActive)
            .WithMessage(x => $"{Labels.Agency} «{catalogue.FindAgency(x.AgencyId)!.Name}» đã ngừng hoạt động, không ghi nhận thêm hoạt động.");

        RuleFor(x => x.ChannelId)
            .NotNull().WithMessage($"Chưa chọn {Labels.Channel}.")
            .Must(id => catalogue.FindChannel(id) is not null).WithMessage($"{Labels.Channel} không có trong danh mục.")
            .Must(id => catalogue.FindChannel(id)!.IsActive)
            .WithMessage(x => $"{Labels.Channel} «{catalogue.FindChannel(x.ChannelId)!.Name}» đã ngừng sử dụng.");

        RuleFor(x => x.Title)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage($"Chưa nhập {Labels.Title}.")
            .MaximumLength(ActivityLimits.TitleMaxLength).WithMessage(TooLong(Labels.Title, ActivityLimits.TitleMaxLength));

        RuleFor(x => x.Description)
            .MaximumLength(ActivityLimits.DescriptionMaxLength).WithMessage(TooLong(Labels.Description, ActivityLimits.DescriptionMaxLength));

        RuleFor(x => x.StartDate)
            .NotNull().WithMessage($"Chưa nhập {Labels.StartDate}.")
            .Must(d => d >= catalogue.PeriodStart && d <= catalogue.PeriodEnd)
            .WithMessage($"{Labels.StartDate} phải trong thời gian thực hiện kế hoạch ({period}).")
            .Must(d => d <= context.Today)
            .WithMessage($"{Labels.StartDate} không được sau ngày hôm nay ({Date(context.Today)}).");

        RuleFor(x => x.EndDate)
            .Must((x, d) => x.StartDate is null || d >= x.StartDate)
            .WithMessage($"{Labels.EndDate} không được trước {Labels.StartDate}.")
            .Must(d => d >= catalogue.PeriodStart && d <= catalogue.PeriodEnd)
            .WithMessage($"{Labels.EndDate} phải trong thời gian thực hiện kế hoạch ({period}).")
            .Must(d => d <= context.Today)
            .WithMessage($"{Labels.EndDate} không được sau ngày hôm nay ({Date(context.Today)}).")
            .When(x => x.EndDate is not null);

        RuleFor(x => x.Quantity)
            .NotNull().WithMessage($"Chưa nhập {Labels.Quantity}.")
            .Must(q => IsWhole(q!.Value)).WithMessage($"{Labels.Quantity} phải là số nguyên.")
            .InclusiveBetween(1, ActivityLimits.MaxQuantity)
            .WithMessage($"{Labels.Quantity} phải từ 1 đến {Number(ActivityLimits.MaxQuantity)}.");

        RuleFor(x => x.SecondMeasure)
            .Must((x, _) => catalogue.FindChannel(x.ChannelId) is not { HasSecondMeasure: false })
            .WithMessage(x => $"{Labels.Channel} «{catalogue.FindChannel(x.ChannelId)!.Name}» không có {Labels.SecondMeasure.ToLowerInvariant()}; hãy để trống.")
            .Must(m => IsWhole(m!.Value)).WithMessage(x => $"{SecondMeasureLabel(x)} phải là số nguyên.")
            .InclusiveBetween(0, ActivityLimits.MaxSecondMeasure)
            .WithMessage(x => $"{SecondMeasureLabel(x)} phải từ 0 đến {Number(ActivityLimits.MaxSecondMeasure)}.")
            .When(x => x.SecondMeasure is not null);

        RuleFor(x => x.ObjectiveIds)
            .NotEmpty().WithMessage($"Chưa chọn {Labels.Objectives} (ít nhất một).")
            .Must(ids => ids.All(catalogue.HasObjective)).WithMessage($"{Labels.Objectives} không có trong kế hoạch.");

        RuleFor(x => x.ThemeIds)
            .NotEmpty().WithMessage($"Chưa chọn {Labels.Themes} (ít nhất một).")
            .Must(ids => ids.All(catalogue.HasTheme)).WithMessage($"{Labels.Themes} không có trong kế hoạch.");

        RuleFor(x => x.DistrictId)
            .Must(id => catalogue.HasDistrict(id!.Value)).WithMessage($"{Labels.District} không có trong danh mục.")
            .When(x => x.DistrictId is not null);

        RuleFor(x => x.EvidenceUrl)
            .MaximumLength(ActivityLimits.UrlMaxLength).WithMessage(TooLong(Labels.EvidenceUrl, ActivityLimits.UrlMaxLength))
            .Must(IsHttpUrl).WithMessage($"{Labels.EvidenceUrl} phải là đường dẫn bắt đầu bằng http:// hoặc https://.")
            .When(x => !string.IsNullOrWhiteSpace(x.EvidenceUrl));

        RuleFor(x => x.Cost)
            .Must(c => IsWhole(c!.Value)).WithMessage($"{Labels.Cost} phải là số nguyên.")
            .InclusiveBetween(0, ActivityLimits.MaxCost)
            .WithMessage($"{Labels.Cost} phải từ 0 đến {Number(ActivityLimits.MaxCost)}.")
            .When(x => x.Cost is not null);

        RuleFor(x => x.FundingSource)
            .MaximumLength(ActivityLimits.FundingSourceMaxLength).WithMessage(TooLong(Labels.FundingSource, ActivityLimits.FundingSourceMaxLength));

        RuleFor(x => x.Notes)
            .MaximumLength(ActivityLimits.NotesMaxLength).WithMessage(TooLong(Labels.Notes, ActivityLimits.NotesMaxLength));

        RuleFor(x => x.ExternalId)
            .MaximumLength(ActivityLimits.ExternalIdMaxLength).WithMessage(TooLong(Labels.ExternalId, ActivityLimits.ExternalIdMaxLength));
    }

    /// <summary>What the second measure is called for the input's channel ("Số người tham dự"), or the generic label.</summary>
    public string SecondMeasureLabel(ActivityInput input) =>
        Context.Catalogue.FindChannel(input.ChannelId)?.SecondMeasureLabel ?? Labels.SecondMeasure;

    private static bool IsWhole(decimal value) => decimal.Truncate(value) == value;

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url!.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    private static string TooLong(string label, int max) => $"{label} không được dài quá {Number(max)} ký tự.";

    private static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Number(long n) => n.ToString("N0", Vi);
}
