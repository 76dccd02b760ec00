namespace Zowor.Portal.Features.Training;

public sealed record MemoAcknowledgementFigures(int Memos, int Expected, int Acknowledged)
{
    /// <summary>Share of the expected acknowledgements given, or null when no memo expected any.</summary>
    public double? Rate => Expected == 0 ? null : (double)Acknowledged / Expected;
}
