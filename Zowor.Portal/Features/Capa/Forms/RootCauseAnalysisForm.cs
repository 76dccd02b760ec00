using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Capa;

/// <summary>The 5 Whys chain and the six fishbone notes.</summary>
public sealed class RootCauseAnalysisForm
{
    [PlainText(MultiLine = false)]
    public string?[] Whys { get; set; } = new string?[CapaLimits.MaxWhys];

    [PlainText]
    public Dictionary<FishboneCategory, string?> Fishbone { get; set; } =
        Enum.GetValues<FishboneCategory>().ToDictionary(c => c, _ => (string?)null);

    /// <summary>The CAPA's last change when the form was filled from it; a save refuses changes made since (issue 14).</summary>
    public int? OpenedOnChange { get; set; }

    public static RootCauseAnalysisForm From(CapaRecord capa)
    {
        var form = new RootCauseAnalysisForm { OpenedOnChange = capa.LastChange };
        for (var i = 0; i < capa.Whys.Count && i < CapaLimits.MaxWhys; i++)
        {
            form.Whys[i] = capa.Whys[i];
        }

        foreach (var note in capa.Fishbone)
        {
            form.Fishbone[note.Category] = note.Notes;
        }

        return form;
    }
}
