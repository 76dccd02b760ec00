using System.Diagnostics;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Benchmarks.Data;
using Zowor.Portal.Benchmarks.Hosting;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Search;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Benchmarks.Suite;

/// <summary>
/// 16. Global search over 1M complaints (issue 17), warm: the portal's own <see cref="ComplaintSearchService.SearchAsync"/>
/// signed in as a CSM, for the query table of the search tests, taken from the dataset itself: a lower-case reference, part
/// of a reference, a name in upper case, a Cyrillic surname, a phone in three formats, part of an order number, a product,
/// a word of a closed complaint's description (a common word: the count stops at the maximum), two words, a later page,
/// words of a customer's reply, and no match. Each query is repeated; the time is the whole call (counts, the page of the index, the rows).
/// </summary>
public sealed class SearchBenchmark : IBenchmark
{
    private const string Id = "16 search";

    public string Name => "search";

    public string Title => "16 search: global search over 1M complaints (warm), p50/p95 per query";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var (size, open) = context.Quick ? (100_000, 10_000) : (1_000_000, 100_000);
        var dataset = await context.Datasets.GetAsync(size, open, cancellationToken);
        await using var host = new PortalHost(dataset, GeneratorOptions.DefaultNow);
        await host.StartAsync(cancellationToken);
        var queries = await QueryTableAsync(host, cancellationToken);

        await using var scope = host.Services.CreateAsyncScope();
        await SignInAsync(scope.ServiceProvider, PortalHost.Accounts[0].Email);
        var search = scope.ServiceProvider.GetRequiredService<ComplaintSearchService>();
        // Cheap enough to repeat 20 times even in a quick run, so that a p95 means something.
        const int iterations = 20;
        var all = new List<double>();
        foreach (var (label, text, page) in queries)
        {
            var times = new List<double>();
            var found = 0;
            for (var i = -2; i < iterations; i++)
            {
                var clock = Stopwatch.StartNew();
                var results = await search.SearchAsync(text, page, cancellationToken);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                if (i >= 0)
                {
                    times.Add(elapsed);
                    found = results.Total;
                }
            }

            all.AddRange(times);
            context.Report.Info(Id, $"{label} \"{text}\": p50 ({found:N0} found)", Percentiles.Of(times, 50), "ms");
            context.Report.AtMost(Id, $"{label}: p95", Percentiles.Of(times, 95), "ms", 100);
        }

        context.Report.Info(Id, $"all {queries.Count} queries, p50", Percentiles.Of(all, 50), "ms");
        context.Report.AtMost(Id, $"all {queries.Count} queries, p95", Percentiles.Of(all, 95), "ms", 100);
    }

    /// <summary>The query table, filled from complaints of the dataset: a closed one with a phone, and one of a Russian customer.</summary>
    private static async Task<List<(string Label, string Text, int Page)>> QueryTableAsync(PortalHost host, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
        var closed = await db.Complaints.AsNoTracking()
            .Where(c => c.Status == ComplaintStatus.Closed && c.Customer.Phone != null && c.Customer.Email != null && c.OrderNumber != null && c.Product != null)
            .OrderBy(c => c.ReferenceSequence).Select(c => new { c.Reference, c.Customer.Name, c.Customer.Phone, c.OrderNumber, c.Product, c.Description })
            .FirstAsync(cancellationToken);
        var russian = await db.Complaints.AsNoTracking().Where(c => c.Customer.Email != null && c.Customer.Email.StartsWith("client."))
            .OrderBy(c => c.ReferenceSequence).Select(c => c.Customer.Name).FirstAsync(cancellationToken);
        var reply = await db.Complaints.AsNoTracking()
            .Where(c => c.Status == ComplaintStatus.Closed && c.Communications.Any(m => m.Direction == CommunicationDirection.Inbound))
            .OrderBy(c => c.ReferenceSequence)
            .Select(c => c.Communications.Where(m => m.Direction == CommunicationDirection.Inbound).Select(m => m.Summary).First())
            .FirstAsync(cancellationToken);
        var replyWords = reply.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 5 && w.All(char.IsLetter)).Take(2);
        var digits = closed.Phone!.TrimStart('+');
        var words = closed.Description.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 5 && w.All(char.IsLetter)).ToList();
        return
        [
            ("reference, lower case", closed.Reference.ToLowerInvariant(), 0),
            ("part of a reference", closed.Reference[^6..], 0),
            ("name, upper case", closed.Name.ToUpperInvariant(), 0),
            ("Cyrillic surname", russian.Split(' ')[^1].ToLowerInvariant(), 0),
            ("phone as stored", closed.Phone, 0),
            ("phone with spaces", $"+{digits[0]} {digits[1..4]} {digits[4..7]} {digits[7..9]} {digits[9..]}", 0),
            ("phone with trunk 8", "8" + digits[1..], 0),
            ("part of an order number", closed.OrderNumber![^5..], 0),
            ("product", closed.Product!.Split(' ')[0], 0),
            ("word of a closed complaint's description", words[0], 0),
            ("two words of the description", $"{words[0]} {words[^1]}", 0),
            ("the same, page 10", $"{words[0]} {words[^1]}", 9),
            ("words of a customer's reply", string.Join(' ', replyWords), 0),
            ("no match", "zzqxjv", 0),
        ];
    }

    /// <summary>The scope acts as the staff member, as a Blazor circuit does: the service checks the Staff policy.</summary>
    private static async Task SignInAsync(IServiceProvider services, string email)
    {
        var user = await services.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        var principal = await services.GetRequiredService<SignInManager<PortalUser>>().CreateUserPrincipalAsync(user);
        ((IHostEnvironmentAuthenticationStateProvider)services.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
    }
}
