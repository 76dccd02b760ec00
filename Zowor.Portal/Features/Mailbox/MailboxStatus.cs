using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zowor.Portal.Data;

namespace Zowor.Portal.Features.Mailbox;

/// <summary>Whether the mailbox reader is failing, for <c>/health/ready</c>.</summary>
public sealed class MailboxStatus
{
    private volatile string? _error;

    /// <summary>The last connection or processing error while it persists; null while the reader works (or waits its turn).</summary>
    public string? Error => _error;

    /// <summary>Marks the reader healthy.</summary>
    public void Ok() => _error = null;

    /// <summary>Marks the reader failing.</summary>
    public void Failed(string error) => _error = error;
}
