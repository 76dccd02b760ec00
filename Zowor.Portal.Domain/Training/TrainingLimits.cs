namespace Zowor.Portal.Domain.Training;

/// <summary>Lengths and bounds shared by the domain checks, the forms and the database columns.</summary>
public static class TrainingLimits
{
    /// <summary>In characters: the column length, the course form's limit and the domain guard's.</summary>
    public const int Name = 200;
    /// <summary>In characters: the column length, the course form's limit and the domain guard's.</summary>
    public const int Description = 1000;
    /// <summary>In characters: the column length, the session form's limit and the domain guard's.</summary>
    public const int Trainer = 200;
    /// <summary>In characters: the column length, the session form's limit and the domain guard's.</summary>
    public const int Notes = 1000;
    /// <summary>Longest validity of a completion, in months.</summary>
    public const int MaxValidityMonths = 60;
}
