using Microsoft.AspNetCore.Components;
using Zowor.Portal.Components.Shared;

namespace Zowor.Portal.Features.Capa;

/// <summary>
/// The one conflict the CAPA editor shows at a time, in the section whose save was refused, with its notice: "save
/// anyway" sends the user's entry over the change, "discard" takes the saved state into the form.
/// </summary>
internal sealed class CapaConflictSlot
{
    private CapaConflict? _conflict;

    public void Show(CapaConflict? conflict) => _conflict = conflict;

    public void Clear() => _conflict = null;

    /// <summary>The conflict notice of <paramref name="section"/>, when its last save was refused by a concurrent change.</summary>
    public RenderFragment NoticeIn(string section, bool busy, object receiver, Func<string, string> historyText) => builder =>
    {
        if (_conflict is not { } conflict || conflict.Section != section)
        {
            return;
        }

        builder.OpenComponent<ConflictNotice>(0);
        builder.AddComponentParameter(1, nameof(ConflictNotice.Changes), conflict.Changes(historyText));
        builder.AddComponentParameter(2, nameof(ConflictNotice.YourEntry), conflict.YourEntry);
        builder.AddComponentParameter(3, nameof(ConflictNotice.Current), conflict.Current);
        builder.AddComponentParameter(4, nameof(ConflictNotice.Busy), busy);
        builder.AddComponentParameter(5, nameof(ConflictNotice.SaveAnyway), EventCallback.Factory.Create(receiver, SaveAnywayAsync));
        builder.AddComponentParameter(6, nameof(ConflictNotice.Discard), EventCallback.Factory.Create(receiver, Discard));
        builder.CloseComponent();
    };

    private async Task SaveAnywayAsync()
    {
        var conflict = _conflict!;
        _conflict = null;
        await conflict.SaveAnyway();
    }

    private void Discard()
    {
        _conflict?.Discard();
        _conflict = null;
    }
}
