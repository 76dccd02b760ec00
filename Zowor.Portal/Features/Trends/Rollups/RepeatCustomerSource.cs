using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Trends.Rollups;

/// <summary>What the repeat-customer rollup reads of a complaint.</summary>
public sealed class RepeatCustomerSource
{
    public Guid Id { get; init; }
    public DateTime ReceivedAt { get; init; }
    public string CategoryCode { get; init; } = string.Empty;
    public ComplaintChannel Channel { get; init; }
    public long? ProductId { get; init; }
    public string? Product { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }

    /// <summary>The customer as the row-based figures group them (<see cref="TrendQueries.ComplaintsPerCustomer"/>): e-mail, else phone.</summary>
    public string? CustomerKey => Email ?? Phone;

    public static IQueryable<RepeatCustomerSource> Of(IQueryable<Complaint> complaints) =>
        complaints.Select(c => new RepeatCustomerSource
        {
            Id = c.Id,
            ReceivedAt = c.ReceivedAt,
            CategoryCode = c.CategoryCode,
            Channel = c.Channel,
            ProductId = c.ProductId,
            Product = c.Product,
            Email = c.Customer.Email,
            Phone = c.Customer.Phone,
        });

    /// <summary>The complaints of customers <paramref name="keys"/> (in chunks: a filter of the rows, then the key in memory).</summary>
    public static async Task<List<RepeatCustomerSource>> OfCustomersAsync(IQueryable<Complaint> complaints, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var all = new List<RepeatCustomerSource>();
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            // Either index (e-mail, phone) answers its half; a phone that is another customer's key only when it has no e-mail is dropped below.
            var rows = await Of(complaints.Where(c => chunk.Contains(c.Customer.Email) || chunk.Contains(c.Customer.Phone))).ToListAsync(cancellationToken);
            var set = chunk.ToHashSet(StringComparer.Ordinal);
            all.AddRange(rows.Where(r => r.CustomerKey is { } key && set.Contains(key)));
        }

        return [.. all.DistinctBy(r => r.Id)];
    }
}
