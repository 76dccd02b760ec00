using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Platform.Operations;

/// <summary>
/// A database fault as a refused request: shown like any business refusal (<c>L.Localize(exception)</c>), nothing saved.
/// </summary>
public sealed class DatabaseFaultException : DomainException
{
    private DatabaseFaultException(string message, DatabaseFaultKind kind) : base(message) => Kind = kind;

    public DatabaseFaultKind Kind { get; }

    public static DatabaseFaultException For(DatabaseFaultKind kind) => kind == DatabaseFaultKind.Busy
        ? new DatabaseFaultException("The database is busy. Nothing was saved; try again in a moment.", kind)
        : new DatabaseFaultException("The database cannot store changes just now (a storage fault). Nothing was saved; try again later.", kind);
}
