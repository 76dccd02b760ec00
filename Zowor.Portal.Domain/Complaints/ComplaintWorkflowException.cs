using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Complaints;

/// <summary>A complaint action was refused by the workflow or one of its guards.</summary>
public sealed class ComplaintWorkflowException : DomainException
{
    /// <summary>Creates the exception with a message a user can read.</summary>
    public ComplaintWorkflowException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception from a template and its arguments (see <see cref="DomainException"/>).</summary>
    public ComplaintWorkflowException(string messageTemplate, params object[] arguments) : base(messageTemplate, arguments)
    {
    }
}
