using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Complaints;

/// <summary>A complaint action was refused by the workflow or one of its guards.</summary>
public sealed class ComplaintWorkflowException : DomainException
{
    /// <summary>Creates the exception with a message a user can read.</summary>
    public ComplaintWorkflowException(string message) : base(message)
    {
    }
}
