using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Tests.Features.Capa;

namespace Zowor.Portal.Tests.Domain.Capa;

/// <summary>P-62: complaints are linked to and unlinked from a CAPA with history on both sides.</summary>
public sealed class CapaComplaintLinkTests
{
    private static readonly DateTime At = CapaBuilder.Start.AddDays(2);

    [Fact]
    public void LinkComplaint_AddsTheLinkAndAHistoryEntryWithTheReason()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.Investigating);
        var link = new CapaComplaintLink(Guid.NewGuid(), "ZW-2026-000042");

        capa.LinkComplaint(link, "Same seal defect.", CapaBuilder.Quality, At);

        Assert.Contains(link, capa.Complaints);
        var entry = capa.History[^1];
        Assert.Equal(("Complaint linked", CapaBuilder.Quality.Id), (entry.What, entry.ActorId));
        Assert.Equal("ZW-2026-000042 · Same seal defect.", entry.Details);
    }

    [Fact]
    public void LinkComplaint_Twice_IsRefused()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.Open);
        var existing = capa.Complaints[0];

        Assert.Throws<DomainException>(() => capa.LinkComplaint(existing, null, CapaBuilder.Quality, At));
        Assert.Single(capa.Complaints);
    }

    [Fact]
    public void UnlinkComplaint_NeedsAReason_AndKeepsItInTheHistory()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.Investigating);
        var linked = capa.Complaints[0];
        var changes = capa.History.Count;

        Assert.Throws<DomainException>(() => capa.UnlinkComplaint(linked.ComplaintId, " ", CapaBuilder.Quality, At));
        Assert.Equal(changes, capa.History.Count);

        capa.UnlinkComplaint(linked.ComplaintId, "A different product after all.", CapaBuilder.Quality, At);

        Assert.Empty(capa.Complaints);
        Assert.Equal(("Complaint unlinked", $"{linked.Reference} · A different product after all."), (capa.History[^1].What, capa.History[^1].Details));
    }

    [Fact]
    public void LinkOrUnlink_OnAClosedCapa_IsRefused()
    {
        var capa = CapaBuilder.AtStatus(CapaStatus.Closed);

        Assert.Throws<CapaWorkflowException>(() => capa.LinkComplaint(new CapaComplaintLink(Guid.NewGuid(), "ZW-2026-000043"), null, CapaBuilder.Quality, At));
        Assert.Throws<CapaWorkflowException>(() => capa.UnlinkComplaint(capa.Complaints[0].ComplaintId, "Wrong one.", CapaBuilder.Quality, At));
    }

    [Fact]
    public void RecordCapaLink_PutsTheLinkAndTheUnlinkOnTheComplaintsTimeline()
    {
        var complaint = new CapaTestData().Complaint("SteelBoil 1.7 L kettle", "product-defect", CapaBuilder.Start);

        complaint.RecordCapaLink("CAPA-2026-0001", linked: true, null, CapaBuilder.Quality, At);
        complaint.RecordCapaLink("CAPA-2026-0001", linked: false, "A different product after all.", CapaBuilder.Quality, At.AddHours(1));

        var linked = complaint.History.Single(h => h.Kind == ComplaintHistoryKinds.CapaLinked);
        Assert.Equal(("CAPA-2026-0001", CapaBuilder.Quality.Id), (linked.After, linked.ActorId));
        var unlinked = complaint.History.Single(h => h.Kind == ComplaintHistoryKinds.CapaUnlinked);
        Assert.Equal(("CAPA-2026-0001", "A different product after all."), (unlinked.Before, unlinked.Details));
    }
}
