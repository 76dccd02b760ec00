using Zowor.Portal.Domain.Common;

namespace Zowor.Portal.Features.Customers;

/// <summary>One file that was not accepted, and why.</summary>
public sealed record FileRefusal(string FileName, DomainException Reason);
