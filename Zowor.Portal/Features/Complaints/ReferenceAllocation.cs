namespace Zowor.Portal.Features.Complaints;

/// <summary>How concurrent registrations get distinct references (<see cref="ComplaintUpdater.RegisterAsync"/>).</summary>
public enum ReferenceAllocation
{
    /// <summary>SQLite: the last number is read under the database's write lock, so registrations queue for it (and are written in groups, <see cref="RegistrationBatches"/>).</summary>
    WriteLock,

    /// <summary>
    /// SQL Server: the last number is read without a lock; the unique index on (year, sequence) refuses the second of two
    /// racing registrations, which then reads again and takes the next number.
    /// </summary>
    UniqueIndexRetry,
}
