using System.Globalization;

namespace Zowor.Portal.Features.Audit;

/// <summary>What the Admin's audit log page filters by; every part optional. Dates are whole UTC days, both included.</summary>
public sealed record AuditFilter(string? UserId = null, string? Reference = null, string? Action = null, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>The filter as the CSV download's query string.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("user", UserId);
        Add("reference", Reference);
        Add("action", Action);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}
