using System.Globalization;

namespace Zowor.Portal.Domain.Common;

/// <summary>
/// A business rule refused a request. <see cref="Exception.Message"/> is written for the user who asked (English);
/// <see cref="MessageTemplate"/> and <see cref="MessageArguments"/> let the UI translate it, arguments included.
/// </summary>
public class DomainException : Exception
{
    /// <summary>Creates the exception with a message a user can read.</summary>
    public DomainException(string message) : base(message)
    {
        MessageTemplate = message;
        MessageArguments = [];
    }

    /// <summary>Creates the exception from a composite-format template (<c>{0}</c>...) and its arguments.</summary>
    public DomainException(string messageTemplate, params object[] arguments)
        : base(string.Format(CultureInfo.InvariantCulture, messageTemplate, arguments))
    {
        MessageTemplate = messageTemplate;
        MessageArguments = arguments;
    }

    /// <summary>The English message with placeholders; the key the UI translates.</summary>
    public string MessageTemplate { get; }

    /// <summary>The values for the placeholders; text arguments are English phrases the UI translates too.</summary>
    public IReadOnlyList<object> MessageArguments { get; }
}
