namespace Zowor.Portal.Domain.Capa;

/// <summary>
/// Who must have read a memo or taken a course for a teaching action to count, and who has (P-80, P-81). The web app
/// reads it from the memo's acknowledgements or the training records; this only judges it.
/// </summary>
/// <param name="People">Everyone required, with the moment they acknowledged or completed (null: not yet).</param>
public sealed record TeachingEvidence(IReadOnlyList<TeachingEvidencePerson> People)
{
    /// <summary>How many of <see cref="Required"/> have acknowledged or completed.</summary>
    public int Done => People.Count(p => p.DoneAt is not null);

    /// <summary>How many people are required.</summary>
    public int Required => People.Count;

    /// <summary>Everyone required has done it; nobody required means nothing is proven yet.</summary>
    public bool IsComplete => People.Count > 0 && People.All(p => p.DoneAt is not null);
}
