namespace Zowor.Portal.Domain.Complaints;

/// <summary>An interview with a staff member involved in the case (P-30).</summary>
public sealed class StaffInterview
{
    private StaffInterview()
    {
        StaffName = string.Empty;
        StaffRole = string.Empty;
        Summary = string.Empty;
        RecordedById = string.Empty;
    }

    internal StaffInterview(string staffName, string staffRole, DateTime interviewedAt, string summary, DateTime recordedAt, string recordedById)
    {
        StaffName = staffName;
        StaffRole = staffRole;
        InterviewedAt = interviewedAt;
        Summary = summary;
        RecordedAt = recordedAt;
        RecordedById = recordedById;
    }

    /// <summary>Database-generated; 0 until the interview is first saved.</summary>
    public int Id { get; private set; }

    /// <summary>Who was interviewed.</summary>
    public string StaffName { get; private set; }

    /// <summary>Their role, e.g. support representative or supervisor.</summary>
    public string StaffRole { get; private set; }

    /// <summary>When the interview took place (UTC).</summary>
    public DateTime InterviewedAt { get; private set; }

    /// <summary>What was learnt.</summary>
    public string Summary { get; private set; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTime RecordedAt { get; private set; }

    /// <summary>
    /// Identity user id of the staff member who wrote the interview down, not of <see cref="StaffName"/>, the person
    /// interviewed.
    /// </summary>
    public string RecordedById { get; private set; }

    internal void Erase(string replacement) => Summary = replacement;
}
