using CommsPlan.Core.Access;
using CommsPlan.Core.Common;
using CommsPlan.Core.Activities;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Dashboard.Hosting;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommsPlan.Dashboard.Components.Pages.Activities;

/// <summary>
/// Records a new activity or shows and edits one. Officers write their own agency's activities; the Office's monitor
/// enters them on an agency's behalf, choosing the agency, and edits only those (Core's <see cref="CurrentUser.CanChange"/>);
/// everyone else sees them read-only. A save that lost a race shows who won and offers to reload; what the user typed stays until then.
/// </summary>
public sealed partial class ActivityEditor
{
    [Parameter] public int? Id { get; set; }

    [Inject] private ActivityService Activities { get; set; } = null!;
    [Inject] private UserContext UserContext { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private CircuitConnection Connection { get; set; } = null!;
    [Inject] private PlanSelection Plans { get; set; } = null!;

    [SupplyParameterFromQuery(Name = PlanSelection.QueryName)] public int? PlanYear { get; set; }

    private CurrentUser _user = null!;
    private ActivityCatalogue? _catalogue;
    private FormValidator<ActivityInput>? _fields;
    private ActivityInput? _input;
    private ActivityDetails? _details;
    private DateOnly _today;
    private MudForm? _form;
    private bool _canEdit;
    /// <summary>The Office enters this record for an agency it picks (not an officer, whose agency is its own).</summary>
    private bool _choosesAgency;
    private bool _notFound;
    private string? _objectivesError;
    private string? _themesError;
    private IReadOnlyDictionary<string, string> _requiredMessages = new Dictionary<string, string>();
    private Func<DateTime?, Task<IEnumerable<string>>>? _startDateValidation;
    private Func<DateTime?, Task<IEnumerable<string>>>? _endDateValidation;
    private List<BreadcrumbItem> _breadcrumbs = [];
    private SaveGuard _save = null!;

    private string Heading => Id is null ? "Thêm hoạt động" : _canEdit ? "Sửa hoạt động" : "Chi tiết hoạt động";

    private ChannelOption? Channel => _catalogue?.FindChannel(_input?.ChannelId);

    private string AgencyName => _catalogue?.FindAgency(_input?.AgencyId)?.Name ?? "";

    protected override async Task OnInitializedAsync()
    {
        _save = new SaveGuard(Connection, this);
        _user = await UserContext.GetAsync();
        var validator = await Activities.CreateValidatorAsync(await EditedPlanYearAsync());
        _catalogue = validator.Context.Catalogue;
        _today = validator.Context.Today;
        _fields = new FormValidator<ActivityInput>(validator);
        // MudBlazor's own "required" check runs first; give it the validator's words so both say the same.
        _requiredMessages = (await validator.ValidateAsync(new ActivityInput())).Errors
            .GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);
        _startDateValidation = _fields.Field<DateTime?>(nameof(ActivityInput.StartDate), v => Probe(i => i.StartDate = ToDateOnly(v)));
        _endDateValidation = _fields.Field<DateTime?>(nameof(ActivityInput.EndDate), v => Probe(i => i.EndDate = ToDateOnly(v)));
    }

    /// <summary>
    /// The plan the form works in: a recorded activity's own (its channel's plan, whatever year the address names), a
    /// new one's the plan the address names (the current plan when none).
    /// </summary>
    private async Task<int?> EditedPlanYearAsync()
    {
        if (Id is { } id)
        {
            try
            {
                return (await Activities.GetAsync(_user, id)).PlanYear;
            }
            catch (NotFoundException)
            {
                // Shown as missing by the load below.
            }
        }
        return (await Plans.ResolveAsync(PlanYear))?.Year;
    }

    private string ListHref => PlanSelection.WithPlan("/activities", PlanYear);

    protected override async Task OnParametersSetAsync()
    {
        _breadcrumbs =
        [
            new("Hoạt động", ListHref),
            new(Id is null ? "Thêm mới" : "Chi tiết", null, disabled: true),
        ];
        if (Id is { } id)
        {
            await LoadAsync(id);
        }
        else
        {
            _details = null;
            _canEdit = _user.CanEnterRecords;
            _choosesAgency = _canEdit && !_user.IsOfficer;
            // Today, or the plan's last day when a finished plan is chosen.
            var start = _catalogue is { } c && c.PeriodEnd < _today ? c.PeriodEnd : _today;
            _input = new ActivityInput { AgencyId = _user.AgencyId, StartDate = start, Quantity = 1 };
        }
    }

    private async Task LoadAsync(int id)
    {
        try
        {
            _details = await Activities.GetAsync(_user, id);
            _input = _details.ToInput();
            _canEdit = _details.CanEdit;
            _choosesAgency = _canEdit && !_user.IsOfficer;
            _notFound = false;
        }
        catch (NotFoundException)
        {
            _notFound = true;
        }
    }

    private async Task SaveAsync()
    {
        if (_input is null || _fields is null) return;
        var input = _input;
        if (!await _save.CheckAsync(_form, _fields, input) || !await ConfirmNotDuplicateAsync(input))
        {
            await ShowPickerMessagesAsync();
            return;
        }
        // Checked and confirmed: "Thử lại" after a busy database saves again without asking twice.
        await _save.RunAsync(async () =>
        {
            if (Id is { } id)
            {
                var saved = await Activities.UpdateAsync(_user, id, input);
                Snackbar.Add($"Đã lưu thay đổi của hoạt động «{saved.Title}».", Severity.Success);
            }
            else
            {
                var saved = await Activities.CreateAsync(_user, input);
                Snackbar.Add($"Đã ghi nhận hoạt động «{saved.Title}».", Severity.Success);
            }
            Navigation.NavigateTo(ListHref);
        }, sendsInput: false);
        await ShowPickerMessagesAsync();
    }

    /// <summary>The pickers without a For show their message beside the list of problems.</summary>
    private async Task ShowPickerMessagesAsync()
    {
        _objectivesError = await FirstMessageAsync(nameof(ActivityInput.ObjectiveIds));
        _themesError = await FirstMessageAsync(nameof(ActivityInput.ThemeIds));
    }

    /// <summary>
    /// Asks before saving what looks like an activity already recorded (same channel, day and title, see
    /// <see cref="ActivityDuplicates"/>); two real events may share them, so the officer may save anyway.
    /// </summary>
    private async Task<bool> ConfirmNotDuplicateAsync(ActivityInput input)
    {
        IReadOnlyList<ActivityMatch> matches = [];
        var outcome = await _save.RunAsync(async () => matches = await Activities.FindDuplicatesAsync(_user, input, Id), sendsInput: false);
        if (outcome != SaveOutcome.Done) return false;
        if (matches.Count == 0) return true;
        var first = matches[0];
        var message = $"Đơn vị đã có hoạt động «{first.Title}» cùng hình thức, ngày {first.StartDate:dd/MM/yyyy}"
            + (matches.Count > 1 ? $" (và {matches.Count - 1} hoạt động khác như vậy)." : ".")
            + " Hoạt động này có thể đã được ghi nhận; lưu thêm sẽ được tính hai lần.";
        return await ConfirmDialog.AskAsync(Dialogs, "Có thể trùng hoạt động đã có", message, "Vẫn lưu",
            "Chọn «Hủy» để xem lại, hoặc «Vẫn lưu» nếu đây là một hoạt động khác.", Color.Warning);
    }

    private async Task DeleteAsync()
    {
        if (Id is not { } id || _input is null) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Xóa hoạt động",
            $"Xóa hoạt động «{_input.Title}»? Sau khi xóa không khôi phục được.",
            yesText: "Xóa", cancelText: "Hủy");
        if (confirmed != true) return;
        var version = _input.Version;
        // "Thử lại" after a busy database runs the deletion again without asking twice.
        await _save.RunAsync(async () =>
        {
            await Activities.DeleteAsync(_user, id, version);
            Snackbar.Add("Đã xóa hoạt động.", Severity.Success);
            Navigation.NavigateTo(ListHref);
        }, sendsInput: false);
    }

    /// <summary>Discards the user's edit on purpose, after a conflict, and shows the record as it now is.</summary>
    private async Task ReloadAsync()
    {
        if (Id is not { } id) return;
        _objectivesError = _themesError = null;
        await LoadAsync(id);
        if (_form is not null) await _form.ResetValidationAsync();
    }

    private async Task OnChannelChangedAsync(int? channelId)
    {
        if (_input is null) return;
        _input.ChannelId = channelId;
        // A channel without a second measure must not keep one typed for the previous channel.
        if (Channel is not { HasSecondMeasure: true }) _input.SecondMeasure = null;
        await Task.CompletedTask;
    }

    private void OnStartDateChanged(DateTime? date)
    {
        if (_input is not null) _input.StartDate = ToDateOnly(date);
    }

    private void OnEndDateChanged(DateTime? date)
    {
        if (_input is not null) _input.EndDate = ToDateOnly(date);
    }

    private async Task OnObjectivesChanged(IReadOnlyCollection<int> ids)
    {
        if (_input is null) return;
        _input.ObjectiveIds = ids.ToList();
        _objectivesError = await FirstMessageAsync(nameof(ActivityInput.ObjectiveIds));
    }

    private async Task OnThemesChanged(IReadOnlyCollection<int> ids)
    {
        if (_input is null) return;
        _input.ThemeIds = ids.ToList();
        _themesError = await FirstMessageAsync(nameof(ActivityInput.ThemeIds));
    }

    private async Task<string?> FirstMessageAsync(string property) =>
        _input is null || _fields is null ? null : (await _fields.MessagesAsync(_input, property)).FirstOrDefault();

    private ActivityInput Probe(Action<ActivityInput> change)
    {
        var probe = _input!.Clone();
        change(probe);
        return probe;
    }

    private string Required(string property) => _requiredMessages.TryGetValue(property, out var message) ? message : "";

    /// <summary>Active channels of the group, plus the record's own channel if it has since been retired.</summary>
    private IEnumerable<ChannelOption> ChannelsOf(FormGroupOption group) =>
        _catalogue!.Channels.Where(c => c.FormGroupId == group.Id && (c.IsActive || c.Id == _input?.ChannelId));

    private string AgencyNameOf(int? id) => _catalogue?.FindAgency(id)?.Name ?? "";

    private string ChannelName(int? id) => _catalogue?.FindChannel(id)?.Name ?? "";

    private string ObjectiveCode(int id) => _catalogue?.Objectives.FirstOrDefault(o => o.Id == id)?.DisplayCode ?? "";

    private string ThemeCode(int id) => _catalogue?.Themes.FirstOrDefault(t => t.Id == id)?.DisplayCode ?? "";

    private string DistrictName(int? id) => _catalogue?.Districts.FirstOrDefault(d => d.Id == id)?.Name ?? "";

    private static DateTime? ToDateTime(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? ToDateOnly(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    /// <summary>Stamps are stored in UTC; the province is on UTC+7 all year.</summary>
    private static string Local(DateTime utc) => Vn.Time(utc);
}
