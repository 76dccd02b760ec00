using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Features.Customers;

/// <summary>Some attached files were refused: nothing of the submission was stored, the page names each refused file.</summary>
public sealed class CustomerFilesRefusedException(string message, IReadOnlyList<FileRefusal> refusals) : DomainException(message)
{
    public IReadOnlyList<FileRefusal> Refusals { get; } = refusals;
}
