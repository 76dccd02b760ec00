using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Features.Privacy;
using Zowor.Portal.Features.Search;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Search;

/// <summary>Related complaints and the possible-duplicate hint on hand-built data (P-51, P-60); erased customers leave the search (P-51, P-91).</summary>
[Collection(PortalHostCollection.Name)]
public sealed class RelatedAndErasedSearchTests : IAsyncLifetime
{
    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(SearchFixtures.CsmEmail, "Saule Search (CSM)", PortalRoles.Csm);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Related_ListsSameCustomerSameOrderAndSameProductInTwelveMonths_AndHintsAtTheDuplicate()
    {
        await using var csm = await _app.SignInAsync(SearchFixtures.CsmEmail);
        async Task<RegisteredComplaintRef> Add(Zowor.Portal.Features.Complaints.RegisterComplaintForm form) =>
            new(await csm.Complaints.RegisterAsync(form, Ct));

        var self = await Add(SearchFixtures.Form("Petr Orlov", "p.orlov@example.com", "8 701 123 45 67", "Kettle leaks", "It leaks.", order: "ORD-1", daysAgo: 3));
        // The same customer by phone only (stored "+77011234567"), about the same order, two days later: a possible duplicate.
        var again = await Add(SearchFixtures.Form("P. Orlov", null, "+7 701 123 45 67", "Kettle still leaks", "Leaking.", order: "ORD-1", product: "Other kettle", daysAgo: 1));
        // The same customer by e-mail, another order, 20 days earlier: history, not a duplicate.
        var earlier = await Add(SearchFixtures.Form("Petr Orlov", "p.orlov@example.com", null, "Toaster", "Burns bread.", order: "ORD-2", product: "CrispUp toaster", daysAgo: 20));
        // The same customer and order, but 30 days apart: related, not a duplicate.
        var month = await Add(SearchFixtures.Form("Petr Orlov", "p.orlov@example.com", null, "Kettle lid", "Lid loose.", order: "ORD-1", product: "Lid", daysAgo: 33));
        // Someone else about the same order (a shared household order).
        var sharedOrder = await Add(SearchFixtures.Form("Irina Orlova", "irina@example.com", null, "Kettle", "Leaks too.", order: "ORD-1", product: "Lid", daysAgo: 2));
        // Someone else, the same product and category, 40 days ago: related by product; 400 days ago: too old (P-51).
        var sameProduct = await Add(SearchFixtures.Form("Olga Kim", "olga.kim@example.com", null, "Kettle", "Leaks.", order: "ORD-7", daysAgo: 40));
        await Add(SearchFixtures.Form("Old Customer", "old@example.com", null, "Kettle", "Leaked.", order: "ORD-8", daysAgo: 400));
        // The same product in another category: not related.
        await Add(SearchFixtures.Form("Other Category", "other@example.com", null, "Kettle late", "Late.", order: "ORD-9", category: "delivery", daysAgo: 4));

        var related = await csm.Services.GetRequiredService<ComplaintSearchService>().FindRelatedAsync(self.Id, Ct);

        Assert.Equal(Refs(again, earlier, month), related.SameCustomer.Select(r => r.Reference).Order());
        Assert.Equal(Refs(again, month, sharedOrder), related.SameOrder.Select(r => r.Reference).Order());
        Assert.Equal(Refs(sameProduct), related.SameProductAndCategory.Select(r => r.Reference).Order());
        Assert.Equal(Refs(again), related.PossibleDuplicates.Select(r => r.Reference));
        Assert.DoesNotContain(self.Reference, related.SameCustomer.Concat(related.SameOrder).Concat(related.SameProductAndCategory).Select(r => r.Reference));
    }

    [Fact]
    public async Task Related_CustomerWithNothingElse_IsEmptyWithoutHint()
    {
        await using var csm = await _app.SignInAsync(SearchFixtures.CsmEmail);
        var only = await csm.Complaints.RegisterAsync(SearchFixtures.Form("Lone Customer", "lone@example.com", null, "Vase", "Broken.", order: "ORD-LONE", product: "Vase", daysAgo: 1), Ct);

        var related = await csm.Services.GetRequiredService<ComplaintSearchService>().FindRelatedAsync(only.Id, Ct);

        Assert.True(related.IsEmpty);
        Assert.Empty(related.PossibleDuplicates);
    }

    /// <summary>
    /// A whole reference, typed in lower case, finds its complaint first (looked up by its key, not through the trigram index)
    /// and then a complaint that quotes it in its description, ranked after it although newer.
    /// </summary>
    [Fact]
    public async Task Search_WholeReference_FindsItsComplaintFirst_ThenComplaintsQuotingIt()
    {
        await using var csm = await _app.SignInAsync(SearchFixtures.CsmEmail);
        var first = await csm.Complaints.RegisterAsync(SearchFixtures.Form("Vera Lind", "vera.lind@example.com", null, "Kettle leaks",
            "It leaks at the base.", order: "ORD-REF-1", daysAgo: 5), Ct);
        var quoting = await csm.Complaints.RegisterAsync(SearchFixtures.Form("Vera Lind", "vera.lind@example.com", null, "Kettle again",
            $"The same fault as {first.Reference}, now on the replacement.", order: "ORD-REF-2", daysAgo: 1), Ct);

        var results = await csm.Services.GetRequiredService<ComplaintSearchService>().SearchAsync(first.Reference.ToLowerInvariant(), 0, Ct);

        Assert.Equal([first.Reference, quoting.Reference], results.Hits.Select(h => h.Reference));
        Assert.Equal([true, false], results.Hits.Select(h => h.ByReferenceOrContact));
        Assert.Equal(2, results.Total);
    }

    /// <summary>
    /// A whole phone number finds the customer's complaints through the phone index, whichever form the number was stored
    /// in ("+7…", "8…"), first; then a complaint whose text quotes the number as typed.
    /// </summary>
    [Fact]
    public async Task Search_WholePhone_FindsTheCustomerInEveryStoredForm_ThenComplaintsQuotingIt()
    {
        await using var csm = await _app.SignInAsync(SearchFixtures.CsmEmail);
        var stored = await csm.Complaints.RegisterAsync(SearchFixtures.Form("Gleb Noor", null, "+7 705 111 22 33", "Iron leaks",
            "Leaks.", order: "ORD-PH-1", daysAgo: 6), Ct);
        var trunk = await csm.Complaints.RegisterAsync(SearchFixtures.Form("Gleb Noor", null, "8 705 111 22 33", "Iron again",
            "Leaks again.", order: "ORD-PH-2", daysAgo: 4), Ct);
        var quoting = await csm.Complaints.RegisterAsync(SearchFixtures.Form("Aida Noor", "aida.noor@example.com", null, "Iron",
            "Please call my husband on 87051112233 about it.", order: "ORD-PH-3", daysAgo: 1), Ct);
        await csm.Complaints.RegisterAsync(SearchFixtures.Form("Other Person", null, "+7 705 111 22 34", "Iron", "Leaks.", order: "ORD-PH-4", daysAgo: 2), Ct);
        var search = csm.Services.GetRequiredService<ComplaintSearchService>();

        var results = await search.SearchAsync("87051112233", 0, Ct);

        Assert.Equal([trunk.Reference, stored.Reference, quoting.Reference], results.Hits.Select(h => h.Reference));
        Assert.Equal([true, true, false], results.Hits.Select(h => h.ByReferenceOrContact));
        Assert.Equal(Refs(new(stored), new(trunk)), (await search.SearchAsync("+7 (705) 111-22-33", 0, Ct)).Hits.Select(h => h.Reference).Order());
    }

    /// <summary>P-91 (erasure) and P-51 (retention use the same eraser): the erased name, phone and reply text are no longer found.</summary>
    [Fact]
    public async Task Search_AfterTheCustomerIsErased_FindsNeitherTheirNameNorTheirWords()
    {
        await using var csm = await _app.SignInAsync(SearchFixtures.CsmEmail);
        var erased = await csm.Complaints.RegisterAsync(SearchFixtures.Form("Zebulon Quarrington", "zq@example.org", "+7 705 444 55 66", "Blender noisy",
            "Quarrington's blender rattles.", order: "ORD-ERASE", daysAgo: 2), Ct);
        var kept = await csm.Complaints.RegisterAsync(SearchFixtures.Form("Kept Customer", "kept@example.org", null, "Blender noisy",
            "Another rattling blender.", order: "ORD-KEEP", daysAgo: 2), Ct);
        await SearchFixtures.CustomerWritesAsync(csm, erased, "zq@example.org", "My neighbour Xanthippe heard it too.", Ct);
        var search = csm.Services.GetRequiredService<ComplaintSearchService>();
        Assert.Single((await search.SearchAsync("Quarrington", 0, Ct)).Hits);
        Assert.Single((await search.SearchAsync("Xanthippe", 0, Ct)).Hits);

        var privacy = csm.Services.GetRequiredService<PrivacyService>();
        var found = await privacy.FindAsync("zq@example.org", null, Ct);
        await privacy.EraseAsync(found.Select(c => c.Id).ToList(), Ct);

        Assert.Empty((await search.SearchAsync("Quarrington", 0, Ct)).Hits);
        Assert.Empty((await search.SearchAsync("zq@example.org", 0, Ct)).Hits);
        Assert.Empty((await search.SearchAsync("+7 705 444 55 66", 0, Ct)).Hits);
        Assert.Empty((await search.SearchAsync("Xanthippe", 0, Ct)).Hits);
        Assert.Equal(kept.Reference, Assert.Single((await search.SearchAsync("rattling", 0, Ct)).Hits).Reference);
        // The index's own copy of the text is gone too, not only hidden from the results.
        Assert.Empty(await _app.Database.FindInFilesAsync(["Quarrington", "Xanthippe", "zq@example.org"], Ct));
    }

    private static string[] Refs(params RegisteredComplaintRef[] complaints) => complaints.Select(c => c.Reference).Order().ToArray();

    private sealed record RegisteredComplaintRef(Guid Id, string Reference)
    {
        public RegisteredComplaintRef(Zowor.Portal.Features.Complaints.RegisteredComplaint registered) : this(registered.Id, registered.Reference)
        {
        }
    }
}
