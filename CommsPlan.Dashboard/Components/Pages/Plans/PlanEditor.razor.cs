using CommsPlan.Core.Plans;
using CommsPlan.Core.PlanAuthoring;
using CommsPlan.Dashboard.Components.Shared;
using CommsPlan.Dashboard.Hosting;
using IHeaderValidator = FluentValidation.IValidator<CommsPlan.Core.Plans.PlanHeaderInput>;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommsPlan.Dashboard.Components.Pages.Plans;

/// <summary>
/// One plan year's editor: the header in a form, each section's entries and each form group's channels in tables whose
/// rows are added and edited in dialogs, moved and removed in place. Core decides what may change (a code in use stays).
/// </summary>
public sealed partial class PlanEditor
{
    [Parameter] public int Year { get; set; }

    [Inject] private PlanEditingService Editing { get; set; } = null!;
    [Inject] private UserContext Users { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private CircuitConnection Connection { get; set; } = null!;
    [Inject] private IHeaderValidator HeaderValidator { get; set; } = null!;

    private PlanEditorData? _data;
    private PlanHeaderInput? _header;
    private bool _notFound;
    private MudForm? _form;
    private FormValidator<PlanHeaderInput> _headerFields = null!;
    private SaveGuard _headerSave = null!;
    private SaveGuard _action = null!;
    private DateTime? _issuedOn;
    private DateTime? _periodStart;
    private DateTime? _periodEnd;
    private Func<DateTime?, Task<IEnumerable<string>>>? _issuedOnValidation;
    private Func<DateTime?, Task<IEnumerable<string>>>? _periodStartValidation;
    private Func<DateTime?, Task<IEnumerable<string>>>? _periodEndValidation;
    private List<BreadcrumbItem> _crumbs = [];

    private sealed record Section(PlanItemKind Kind, string Title, IReadOnlyList<PlanItem> Items);

    private IEnumerable<Section> Sections => _data is not { Plan: var plan }
        ? []
        :
        [
            new(PlanItemKind.Objective, "I.1. Mục đích", plan.Objectives),
            new(PlanItemKind.Requirement, "I.2. Yêu cầu", plan.Requirements),
            new(PlanItemKind.Theme, "II.1. Nội dung tuyên truyền", plan.Themes),
            new(PlanItemKind.Assignment, "III. Nhiệm vụ", plan.Assignments),
        ];

    protected override void OnInitialized()
    {
        _headerSave = new SaveGuard(Connection, this);
        _action = new SaveGuard(Connection, this);
        _headerFields = new FormValidator<PlanHeaderInput>(HeaderValidator);
        _issuedOnValidation = _headerFields.Field<DateTime?>(nameof(PlanHeaderInput.IssuedOn), v => Probe(h => h.IssuedOn = ToDate(v)));
        _periodStartValidation = _headerFields.Field<DateTime?>(nameof(PlanHeaderInput.PeriodStart), v => Probe(h => h.PeriodStart = ToDate(v)));
        _periodEndValidation = _headerFields.Field<DateTime?>(nameof(PlanHeaderInput.PeriodEnd), v => Probe(h => h.PeriodEnd = ToDate(v)));
    }

    protected override async Task OnParametersSetAsync()
    {
        _crumbs = [new("Kế hoạch các năm", "/plans"), new($"Năm {Year}", null, disabled: true)];
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _data = await Editing.GetAsync(await Users.GetAsync(), Year);
        }
        catch (CommsPlan.Core.Common.NotFoundException)
        {
            _notFound = true;
            return;
        }
        _notFound = false;
        _header = PlanHeaderInput.From(_data.Plan);
        _issuedOn = ToDateTime(_header.IssuedOn);
        _periodStart = ToDateTime(_header.PeriodStart);
        _periodEnd = ToDateTime(_header.PeriodEnd);
        _headerSave.Clear();
    }

    /// <summary>A copy of the header with one date field as typed, so a date picker's rule sees the other fields too.</summary>
    private PlanHeaderInput Probe(Action<PlanHeaderInput> set)
    {
        var probe = _header is null ? new PlanHeaderInput() : PlanHeaderInput.From(_data!.Plan);
        if (_header is not null)
        {
            probe.IssuedOn = _header.IssuedOn;
            probe.PeriodStart = _header.PeriodStart;
            probe.PeriodEnd = _header.PeriodEnd;
        }
        set(probe);
        return probe;
    }

    private async Task SaveHeaderAsync()
    {
        if (_header is null || _data is null) return;
        var outcome = await _headerSave.SaveAsync(_form, _headerFields, _header,
            async () => await Editing.UpdateHeaderAsync(await Users.GetAsync(), _data.Plan.Id, _header));
        if (outcome == SaveOutcome.Done)
        {
            // What stopped an earlier action (an issue without the plan's number) may be what this save fixed.
            _action.Clear();
            Snackbar.Add("Đã lưu thông tin chung của kế hoạch.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task IssueAsync()
    {
        if (_data is null) return;
        var plan = _data.Plan;
        if (!await ConfirmDialog.AskAsync(Dialogs, "Ban hành kế hoạch",
                $"Ban hành Kế hoạch số {plan.Number} năm {plan.Year}?",
                "Ban hành",
                "Sau khi ban hành, các đơn vị ghi hoạt động theo kế hoạch này trong thời gian thực hiện của nó; các mục, kênh đã được dùng sẽ không xóa được.",
                Color.Success))
            return;
        if (await _action.RunAsync(async () => await Editing.IssueAsync(await Users.GetAsync(), plan.Id, plan.Version), sendsInput: false) == SaveOutcome.Done)
        {
            Snackbar.Add($"Đã ban hành Kế hoạch số {plan.Number}.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task EditItemAsync(PlanItemKind kind, PlanItem? item)
    {
        if (_data is null) return;
        var parameters = new DialogParameters<PlanItemDialog>
        {
            { d => d.PlanId, _data.Plan.Id },
            { d => d.ItemId, item?.Id },
            { d => d.Input, item is null ? new PlanItemInput { Kind = kind } : PlanItemInput.From(kind, item) },
            { d => d.CodeLocked, item is not null && _data.IsInUse(kind, item.Id) },
            { d => d.MarkedElsewhere, _data.Plan.UnitPlanAssignment() is { } marked && marked.Id != item?.Id ? marked.DisplayCode : null },
        };
        var title = item is null ? $"Thêm {PlanEditingService.SectionName(kind)}" : $"Sửa {item.DisplayCode}";
        var dialog = await Dialogs.ShowAsync<PlanItemDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false }) await LoadAsync();
    }

    private async Task EditChannelAsync(FormGroup group, Channel? channel)
    {
        if (_data is null) return;
        var parameters = new DialogParameters<ChannelDialog>
        {
            { d => d.FormGroupId, group.Id },
            { d => d.ChannelId, channel?.Id },
            { d => d.Input, channel is null ? new ChannelInput() : ChannelInput.From(channel) },
            { d => d.CodeLocked, channel is not null && _data.IsChannelInUse(channel.Id) },
        };
        var title = channel is null ? $"Thêm kênh vào {group.DisplayCode} {group.ShortName}" : $"Sửa kênh {channel.Code}";
        var dialog = await Dialogs.ShowAsync<ChannelDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false }) await LoadAsync();
    }

    private async Task MoveAsync(PlanItemKind kind, int itemId, int offset)
    {
        if (_data is null) return;
        if (await _action.RunAsync(async () => await Editing.MoveItemAsync(await Users.GetAsync(), _data.Plan.Id, kind, itemId, offset), sendsInput: false)
            == SaveOutcome.Done)
            await LoadAsync();
    }

    private async Task RemoveItemAsync(PlanItemKind kind, PlanItem item)
    {
        if (_data is null) return;
        if (!await ConfirmDialog.AskAsync(Dialogs, "Xóa khỏi kế hoạch", $"Xóa {item.DisplayCode} “{item.ShortName}” khỏi kế hoạch năm {_data.Plan.Year}?", "Xóa"))
            return;
        if (await _action.RunAsync(async () => await Editing.RemoveItemAsync(await Users.GetAsync(), _data.Plan.Id, kind, item.Id), sendsInput: false)
            == SaveOutcome.Done)
        {
            Snackbar.Add($"Đã xóa {item.DisplayCode}.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task SetActiveAsync(Channel channel, bool active)
    {
        if (await _action.RunAsync(async () => await Editing.SetChannelActiveAsync(await Users.GetAsync(), channel.Id, active), sendsInput: false)
            == SaveOutcome.Done)
        {
            Snackbar.Add(active ? $"Kênh {channel.Code} được dùng lại." : $"Kênh {channel.Code} đã ngừng dùng cho hoạt động mới.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task RemoveChannelAsync(Channel channel)
    {
        if (!await ConfirmDialog.AskAsync(Dialogs, "Xóa kênh", $"Xóa kênh {channel.Code} “{channel.Name}” khỏi kế hoạch?", "Xóa"))
            return;
        if (await _action.RunAsync(async () => await Editing.RemoveChannelAsync(await Users.GetAsync(), channel.Id), sendsInput: false) == SaveOutcome.Done)
        {
            Snackbar.Add($"Đã xóa kênh {channel.Code}.", Severity.Success);
            await LoadAsync();
        }
    }

    private static string EntityTypeOf(PlanItemKind kind) => kind switch
    {
        PlanItemKind.Objective => nameof(Objective),
        PlanItemKind.Requirement => nameof(Requirement),
        PlanItemKind.Theme => nameof(ContentTheme),
        _ => nameof(Assignment),
    };

    private static DateOnly? ToDate(DateTime? value) => value is { } d ? DateOnly.FromDateTime(d) : null;

    private static DateTime? ToDateTime(DateOnly? value) => value?.ToDateTime(TimeOnly.MinValue);
}
