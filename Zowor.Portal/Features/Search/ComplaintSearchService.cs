using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Search;

/// <summary>
/// Global search and related complaints. Any staff member may open any case (the Staff policy of the case page), so search
/// covers every complaint, open and closed, at every level; anyone else is refused. SQLite answers from the FTS5 trigram
/// indexes <c>ComplaintSearch</c> (every searchable column; migration SearchIndexes) and <c>ComplaintSearchIdentity</c>
/// (reference, customer, order; migration SearchIndexes), kept by triggers in each change's transaction, a new complaint's
/// first entry by <see cref="SearchIndexer"/>, which a search runs first so that it misses no complaint; SQL Server
/// from its full-text indexes (CONTAINS, word prefixes) and LIKE for the substrings of references, orders, e-mails and phones.
/// Ranking: complaints whose reference, customer (name, e-mail, phone) or order matches come first, then those matched by
/// their text (product, subject, description, the customer's messages); newest first within each.
/// </summary>
public sealed class ComplaintSearchService(IDbContextFactory<PortalDbContext> contexts, CurrentUser currentUser, BusinessClock clock, SearchIndexer indexer)
{
    public const int PageSize = 20;

    /// <summary>
    /// Most complaints counted and paged (10 pages): past this, a search is too broad to read and should be narrowed. Every
    /// search reads at most this many matches (plus one, to know there are more) from each index, so the cap bounds its cost:
    /// at 1M complaints two common words took 22–31 ms to find 1,001 matches and 4–10 ms to find 201 (docs/BENCHMARKS.md).
    /// </summary>
    public const int MaximumResults = 200;

    /// <summary>Related complaints shown per group on the case page.</summary>
    public const int RelatedLimit = 10;

    /// <summary>P-51: complaints are kept 12 months to watch for recurring issues; related ones by product look that far back.</summary>
    public const int RelatedMonths = 12;

    /// <summary>The same customer about the same order within this many days is probably the same complaint twice.</summary>
    public const int DuplicateDays = 7;

    public async Task<SearchResults> SearchAsync(string? text, int page, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Staff);
        var query = SearchQuery.Parse(text);
        page = Math.Clamp(page, 0, MaximumResults / PageSize - 1);
        if (query.IsEmpty)
        {
            return new SearchResults(query, [], 0, false, 0, PageSize);
        }

        await indexer.CatchUpBeforeSearchAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (found, counted) = db.Database.IsSqlite()
            ? await FindInFtsAsync(db, query, page, cancellationToken)
            : await FindInFullTextAsync(db, query, page, cancellationToken);
        var references = found.Select(f => f.Reference).ToArray();
        var rows = await db.Complaints.AsNoTracking().Where(c => references.Contains(c.Reference))
            .Select(c => new SearchHit(c.Id, c.Reference, c.ReceivedAt, c.Customer.Name, c.Subject, c.Status, c.EscalationLevel, false))
            .ToDictionaryAsync(h => h.Reference, cancellationToken);
        var hits = found.Where(f => rows.ContainsKey(f.Reference)).Select(f => rows[f.Reference] with { ByReferenceOrContact = f.ByIdentity }).ToList();
        return new SearchResults(query, hits, Math.Min(counted, MaximumResults), counted > MaximumResults, page, PageSize);
    }

    /// <summary>
    /// The complaints of the same customer (e-mail, or the same phone number in any stored form), about the same order, and
    /// about the same product in the same category received in the last 12 months (P-51, P-60), newest first.
    /// </summary>
    public async Task<RelatedComplaints> FindRelatedAsync(Guid complaintId, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Staff);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var self = await db.Complaints.AsNoTracking().Where(c => c.Id == complaintId)
            .Select(c => new { c.Customer.Email, c.Customer.Phone, c.OrderNumber, c.Product, c.CategoryCode, c.ReceivedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (self is null)
        {
            return RelatedComplaints.None;
        }

        var others = db.Complaints.AsNoTracking().Where(c => c.Id != complaintId);
        var email = self.Email;
        var phones = PhoneForms(self.Phone);
        var sameCustomer = email is null && phones.Length == 0
            ? []
            : await Rows(others.Where(c => (email != null && c.Customer.Email == email) || phones.Contains(c.Customer.Phone!)), cancellationToken);
        var order = self.OrderNumber;
        var sameOrder = string.IsNullOrWhiteSpace(order) ? [] : await Rows(others.Where(c => c.OrderNumber == order), cancellationToken);
        var since = clock.UtcNow.AddMonths(-RelatedMonths);
        var (product, category) = (self.Product, self.CategoryCode);
        var sameProduct = string.IsNullOrWhiteSpace(product)
            ? []
            : await Rows(others.Where(c => c.CategoryCode == category && c.Product == product && c.ReceivedAt >= since), cancellationToken);
        var window = TimeSpan.FromDays(DuplicateDays);
        var duplicates = string.IsNullOrWhiteSpace(order)
            ? []
            : sameCustomer.Where(c => sameOrder.Any(o => o.Id == c.Id) && (c.ReceivedAt - self.ReceivedAt).Duration() <= window).ToList();
        return new RelatedComplaints(sameCustomer, sameOrder, sameProduct, duplicates);
    }

    /// <summary>
    /// The forms one phone number may be stored in (CustomerContact keeps the digits and a leading + as typed): for an
    /// 11-digit number of country code 7, "+7…", "7…" and the trunk-prefixed "8…"; otherwise as stored, with and without "+".
    /// </summary>
    public static string[] PhoneForms(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return [];
        }

        var canonical = SearchQuery.CanonicalPhone(phone);
        return canonical.Length == 11 && canonical[0] == '7'
            ? ["+" + canonical, canonical, "8" + canonical[1..]]
            : [phone, "+" + canonical, canonical];
    }

    private static Task<List<RelatedComplaint>> Rows(IQueryable<Complaint> complaints, CancellationToken cancellationToken) =>
        complaints.OrderByDescending(c => c.ReceivedAt).Take(RelatedLimit)
            .Select(c => new RelatedComplaint(c.Id, c.Reference, c.ReceivedAt, c.Subject, c.Status))
            .ToListAsync(cancellationToken);

    // SQLite: two FTS5 indexes, both in rowid order (year and sequence of the reference: newest first), which FTS5 walks
    // without sorting. Two reads of at most MaximumResults + 1 row ids, and nothing else from the indexes: the complaints
    // matched by their reference, customer or order (the small identity index, ComplaintSearchIdentity), and all the
    // complaints matched (ComplaintSearch, every column: a superset of the first). Ranking, the page and the count come from
    // the two lists in memory: the first list, then the second without the first. The newest MaximumResults + 1 matches
    // always hold every text-only match a page up to MaximumResults can show. Each read stops after MaximumResults + 1 rows;
    // a common description word has (almost) no rows in the identity index, so its first read ends at once (a column filter
    // on the big index, as before, walked every row holding the word to find none).
    private static async Task<(List<Found> Found, int Counted)> FindInFtsAsync(PortalDbContext db, SearchQuery query, int page, CancellationToken cancellationToken)
    {
        // FTS5 syntax (MATCH, rowid) is SQLite's own: this runs only behind the IsSqlite() above.
        var term = query.Terms.Count == 1 ? query.Terms[0] : null;
        // A whole reference: its complaint through the unique index on the reference, instead of intersecting trigrams ("zw-",
        // "-20", "202"…) that every reference holds. (Complaints quoting it in their text are still found by the second read.)
        var reference = ComplaintReference.TryParse(term?.Text)?.ToString();
        // A whole phone number (11 digits, country code 7): the complaints stored with it, in each form it may be stored in,
        // through the phone index; the second read then looks only for the number as typed (in a message, say).
        string[] phones = term?.Phone is { Length: 11 } phone && phone[0] == '7' ? [.. PhoneForms(phone), "+8" + phone[1..]] : [];
        var byIndex = reference is not null ? db.Complaints.Where(c => c.Reference == reference)
            : phones.Length > 0 ? db.Complaints.Where(c => phones.Contains(c.Customer.Phone!))
            : null;
        var byIdentity = byIndex is not null
            ? await byIndex.Select(c => c.ReferenceYear * 1_000_000L + c.ReferenceSequence).OrderByDescending(key => key).Take(MaximumResults + 1)
                .ToListAsync(cancellationToken)
            : await db.Database.SqlQueryRaw<long>(
                "SELECT rowid AS Value FROM ComplaintSearchIdentity WHERE ComplaintSearchIdentity MATCH {0} ORDER BY rowid DESC LIMIT {1}",
                query.ToFts5(), MaximumResults + 1).ToListAsync(cancellationToken);
        var all = (await db.Database.SqlQueryRaw<long>(
                "SELECT rowid AS Value FROM ComplaintSearch WHERE ComplaintSearch MATCH {0} ORDER BY rowid DESC LIMIT {1}",
                query.ToFts5(phoneDigits: phones.Length == 0), MaximumResults + 1).ToListAsync(cancellationToken))
            .Union(byIdentity).OrderDescending().Take(MaximumResults + 1).ToList();
        var first = byIdentity.ToHashSet();
        var found = byIdentity.Select(key => new Found(ReferenceOf(key), true))
            .Concat(all.Where(key => !first.Contains(key)).Select(key => new Found(ReferenceOf(key), false)))
            .Skip(page * PageSize).Take(PageSize).ToList();
        return (found, all.Count);
    }

    /// <summary>The reference of an index row id (<see cref="SqliteSearchIndexSql"/>: year * 1,000,000 + sequence).</summary>
    private static string ReferenceOf(long key) => ComplaintReference.Create((int)(key / 1_000_000), (int)(key % 1_000_000)).ToString();

    // SQL Server: full-text CONTAINS for words (prefix terms, accent-insensitive catalog) and LIKE for substrings of
    // references, orders, e-mails and phones.
    private static Task<(List<Found> Found, int Counted)> FindInFullTextAsync(PortalDbContext db, SearchQuery query, int page, CancellationToken cancellationToken)
    {
        var byIdentity = query.Terms.Select(ByIdentity).Aggregate(Predicates.And);
        var byTextOnly = Predicates.And(query.Terms.Select(t => Predicates.Or(ByIdentity(t), ByText(t))).Aggregate(Predicates.And), Predicates.Not(byIdentity));
        IQueryable<Complaint> Tier(bool identity) => db.Complaints.AsNoTracking().Where(identity ? byIdentity : byTextOnly);
        return PageTiersAsync(
            identity => Tier(identity).OrderBy(c => c.ReceivedAt).Take(MaximumResults + 1).CountAsync(cancellationToken),
            (identity, skip, take) => Tier(identity).OrderByDescending(c => c.ReceivedAt).Skip(skip).Take(take).Select(c => c.Reference).ToListAsync(cancellationToken),
            page);
    }

    /// <summary>SQL Server: one page over two tiers, the identity matches (reference, customer, order) first, then the text-only matches.</summary>
    private static async Task<(List<Found> Found, int Counted)> PageTiersAsync(
        Func<bool, Task<int>> count, Func<bool, int, int, Task<List<string>>> read, int page)
    {
        var identityCount = await count(true);
        var textCount = await count(false);
        var skip = page * PageSize;
        // Both tiers are read even when a count says the page needs none of one: an empty read is one index probe, and
        // the SQL Server translation tests (which answer every count with 0) then see every query.
        // (A full page from each keeps the SQL the same for every page, and SQL Server refuses FETCH NEXT 0 ROWS.)
        var found = (await read(true, skip, PageSize)).Select(r => new Found(r, true)).ToList();
        found.AddRange((await read(false, Math.Max(0, skip - identityCount), PageSize)).Take(PageSize - found.Count).Select(r => new Found(r, false)));

        return (found, identityCount + textCount);
    }

    private static Expression<Func<Complaint, bool>> ByIdentity(SearchTerm term)
    {
        var like = SearchQuery.ToLike(term.Text);
        Expression<Func<Complaint, bool>> match = c => EF.Functions.Like(c.Reference, like, "\\")
            || (c.OrderNumber != null && EF.Functions.Like(c.OrderNumber, like, "\\"))
            || (c.Customer.Email != null && EF.Functions.Like(c.Customer.Email, like, "\\"));
        if (SearchQuery.ToFullText(term) is { } words)
        {
            match = Predicates.Or(match, c => EF.Functions.Contains(c.Customer.Name, words));
        }

        // The last 10 digits: the number without its country code or trunk prefix, however it was stored.
        if (term.Phone is { Length: >= SearchQuery.MinimumLength } phone)
        {
            var digits = SearchQuery.ToLike(phone.Length == 11 ? phone[1..] : phone);
            match = Predicates.Or(match, c => c.Customer.Phone != null && EF.Functions.Like(c.Customer.Phone, digits, "\\"));
        }

        return match;
    }

    private static Expression<Func<Complaint, bool>> ByText(SearchTerm term)
    {
        if (SearchQuery.ToFullText(term) is not { } words)
        {
            return _ => false;
        }

        return c => (c.Product != null && EF.Functions.Contains(c.Product, words))
            || EF.Functions.Contains(c.Subject, words)
            || EF.Functions.Contains(c.Description, words)
            || c.Communications.Any(m => m.Direction == CommunicationDirection.Inbound && EF.Functions.Contains(m.Summary, words));
    }

    private sealed record Found(string Reference, bool ByIdentity);
}
