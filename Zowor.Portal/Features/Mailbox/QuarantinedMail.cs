
namespace Zowor.Portal.Features.Mailbox;

/// <summary>One quarantined e-mail as the Admin page lists it.</summary>
public sealed record QuarantinedMail(Guid Id, DateTime ReceivedAt, string? FromAddress, string? Subject, long Size, string? Reason);
