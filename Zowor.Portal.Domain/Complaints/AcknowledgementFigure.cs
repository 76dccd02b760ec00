namespace Zowor.Portal.Domain.Complaints;

/// <summary>The count behind "acknowledged within 24 hours": met and missed (pending ones are in neither).</summary>
/// <param name="Met">Acknowledged by the deadline.</param>
/// <param name="Missed">Acknowledged late, or not acknowledged past the deadline.</param>
public sealed record AcknowledgementFigure(int Met, int Missed)
{
    /// <summary>The complaints whose outcome is known.</summary>
    public int Counted => Met + Missed;

    /// <summary>Met ÷ counted, or null when none is counted yet.</summary>
    public double? Rate => Counted == 0 ? null : (double)Met / Counted;
}
