namespace Zowor.Portal.Platform.Operations;

/// <summary>What kind of database fault stopped an action; each one means nothing of it was written.</summary>
public enum DatabaseFaultKind
{
    /// <summary>Another writer held the database for the whole busy timeout (SQLite busy or locked; SQL Server's retries ran out).</summary>
    Busy,

    /// <summary>The database file or its folder became read-only.</summary>
    ReadOnly,

    /// <summary>The disk failed to read or write (I/O error).</summary>
    IoError,

    /// <summary>The disk is full.</summary>
    Full,
}
