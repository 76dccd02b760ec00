using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Zowor.Portal.Features.Customers;

/// <summary>Limits for the public forms (section <c>PublicForms</c>).</summary>
public sealed class PublicFormOptions
{
    public const string Section = "PublicForms";

    /// <summary>Submissions per client and form in each window.</summary>
    public int PermitLimit { get; set; } = 10;

    /// <summary>The rate-limit window, in seconds, that <see cref="PermitLimit"/> counts submissions in.</summary>
    public int WindowSeconds { get; set; } = 60;

    /// <summary>Largest request body a public form accepts, in bytes (the longest valid form is far smaller).</summary>
    public int MaxBodyBytes { get; set; } = 128 * 1024;

    /// <summary>Most files a customer attaches at once on the complaint form or the status page.</summary>
    public int MaxFiles { get; set; } = 5;

    /// <summary>
    /// Largest multipart body (a form with files) on <c>/complain</c> and <c>/track</c>: room for <see cref="MaxFiles"/>
    /// files of the evidence limit (10 MB) and the text. Files over the per-file limit within it get a message per file.
    /// </summary>
    public long MaxUploadBodyBytes { get; set; } = 51L * 1024 * 1024;
}
