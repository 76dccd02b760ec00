using Microsoft.AspNetCore.Components;
using MudBlazor;
using Zowor.Portal.Components.Shared;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Training;

public sealed partial class TrainingPage
{
    private MyTraining? _mine;
    private TrainingMatrixData? _team;
    private IReadOnlyList<CourseInfo> _courses = [];
    private IReadOnlyList<SessionSummary> _sessions = [];
    private IReadOnlyList<StaffMember> _staff = [];
    private TrainingSessionForm _session = null!;
    private TrainingCourseForm _course = new();
    private bool _canManage;
    private bool _busy;
    private int _tab;

    [Inject] private TrainingService Training { get; set; } = default!;
    [Inject] private CurrentUser CurrentUser { get; set; } = default!;
    [Inject] private BusinessClock Clock { get; set; } = default!;

    /// <summary>A new session form dated today: most sessions are recorded on the day they are held.</summary>
    private TrainingSessionForm NewSession() => new() { HeldOn = Clock.LocalNow.Date };
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ErrorPresenter Errors { get; set; } = default!;

    /// <summary>"team" opens the team's compliance (the managers' notification links there).</summary>
    [SupplyParameterFromQuery(Name = "tab")]
    public string? Tab { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _session = NewSession();
        _canManage = await CurrentUser.IsAllowedAsync(PortalRoles.Policies.TrainingRecords);
        _tab = _canManage && Tab == "team" ? 1 : 0;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _mine = await Training.GetMineAsync();
        _courses = await Training.ListCoursesAsync();
        if (_canManage)
        {
            _team = await Training.GetTeamAsync();
            _sessions = await Training.ListSessionsAsync();
            _staff = await Training.ListStaffAsync();
        }
    }

    private Task RecordSessionAsync() => SaveAsync(async () =>
    {
        await Training.RecordSessionAsync(_session);
        Snackbar.Add(L["Session recorded."], Severity.Success);
        _session = NewSession();
    });

    private Task AddCourseAsync() => SaveAsync(async () =>
    {
        await Training.AddCourseAsync(_course);
        Snackbar.Add(L["Course added."], Severity.Success);
        _course = new TrainingCourseForm();
    });

    // One save path for the page's forms: a refusal or a database failure is shown and the form keeps what was entered.
    private async Task SaveAsync(Func<Task> save)
    {
        _busy = true;
        await Errors.RunAsync(async () =>
        {
            await save();
            await LoadAsync();
        });
        _busy = false;
    }

    private string StaffName(string? id) => _staff.FirstOrDefault(s => s.Id == id)?.Name ?? string.Empty;
}
