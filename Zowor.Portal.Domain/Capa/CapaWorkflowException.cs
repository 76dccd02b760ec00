using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Domain.Capa;

/// <summary>A CAPA step was refused by the workflow or one of its guards.</summary>
public sealed class CapaWorkflowException : DomainException
{
    /// <summary>Creates the exception with a message a user can read.</summary>
    public CapaWorkflowException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception from a template and its arguments (see <see cref="DomainException"/>).</summary>
    public CapaWorkflowException(string messageTemplate, params object[] arguments) : base(messageTemplate, arguments)
    {
    }
}
