namespace Zowor.Portal.Features.Reviews;

/// <summary>A finding as Quality enters it on the Reviews page.</summary>
public sealed class ReviewFindingForm
{
    [Zowor.Portal.Platform.Security.PlainText]
    public string? Text { get; set; }
    [Zowor.Portal.Platform.Security.PlainText]
    public string? Decision { get; set; }
    [Zowor.Portal.Platform.Security.PlainText(MultiLine = false)]
    public string? Owner { get; set; }
    public DateTime? DueDate { get; set; }
}
