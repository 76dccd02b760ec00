namespace Zowor.Portal.Domain.Common;

/// <summary>A business rule refused a request. <see cref="Exception.Message"/> is written for the user who asked.</summary>
public class DomainException : Exception
{
    /// <summary>Creates the exception with a message a user can read.</summary>
    public DomainException(string message) : base(message)
    {
    }
}
