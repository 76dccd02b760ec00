using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Capa;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Products;
using Zowor.Portal.Features.Trends;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Categories;

/// <summary>
/// The Admin's taxonomies (issue 23) on the real portal and a real SQLite file: renames show at once where complaints
/// keep the code, deactivated entries stay on old complaints but cannot be chosen, free-text product spellings mapped to
/// one listed product count as one in trends and in the recurring-issue alert (P-60, P-62), and only Admin may change them.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class TaxonomyServiceTests : IAsyncLifetime
{
    private const string AdminEmail = "admin.taxonomy@zowor.test";
    private const string CsmEmail = "csm.taxonomy@zowor.test";
    private const string QualityEmail = "quality.taxonomy@zowor.test";

    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await _app.CreateStaffUserAsync(AdminEmail, "Portal Admin", PortalRoles.Admin);
        await _app.CreateStaffUserAsync(CsmEmail, "Saule Omarova", PortalRoles.Csm);
        await _app.CreateStaffUserAsync(QualityEmail, "Marat Quality", PortalRoles.Quality);
    }

    [Fact]
    public async Task P60_ThreeSpellingsMappedToOneListedProduct_CountAsOneInTrends_AndRaiseTheRecurringIssueAlert()
    {
        string[] spellings = ["Winter boots", "winter boot", "Зимние ботинки"];
        var ids = new List<Guid>();
        await using (var csm = await _app.SignInAsync(CsmEmail))
        {
            foreach (var spelling in spellings)
            {
                ids.Add((await csm.Complaints.RegisterAsync(Form(spelling, "wrong-item"), Ct)).Id);
            }
        }

        // Before mapping: three products of one complaint each; no product+category pair reaches the threshold of 3.
        Assert.Equal(spellings.Select(s => (s, 1)).Order(), (await ByProductAsync()).Order());
        Assert.Empty(await AlertsAsync());

        await using var admin = await _app.SignInAsync(AdminEmail);
        var taxonomy = admin.Services.GetRequiredService<TaxonomyService>();
        var boots = await taxonomy.SaveProductAsync(new ProductForm { NameEn = "Trail boots", NameRu = "Ботинки для походов", IsActive = true }, Ct);
        var unmapped = await taxonomy.GetUnmappedAsync(Ct);
        Assert.Equal(spellings.Order(), unmapped.Select(u => u.Spelling).Order());
        Assert.All(unmapped, u => Assert.Equal(1, u.Complaints));

        Assert.Equal(3, await taxonomy.MapSpellingsAsync(spellings, boots, Ct));

        // Hand count: 1 + 1 + 1 complaints, all "wrong-item", now one product with 3 — one trend row, one alert of 3.
        Assert.Equal([("Trail boots", 3)], await ByProductAsync());
        var alert = Assert.Single(await AlertsAsync());
        Assert.Equal("Trail boots", alert.Product);
        Assert.Equal("wrong-item", alert.CategoryCode);
        Assert.Equal(3, alert.ComplaintCount);
        Assert.Equal(ids.Order(), alert.ComplaintIds.Order());
        Assert.Empty(await taxonomy.GetUnmappedAsync(Ct));

        // Each mapping is on the complaint's timeline, with the spelling kept as written.
        await using (var db = _app.Database.CreateContext())
        {
            var complaints = await db.Complaints.Include(c => c.History).Where(c => ids.Contains(c.Id)).ToListAsync(Ct);
            Assert.All(complaints, c => Assert.Equal(boots, c.ProductId));
            Assert.Equal(spellings.Order(), complaints.Select(c => c.Product!).Order());
            Assert.All(complaints, c => Assert.Contains(c.History, h => h.Kind == ComplaintHistoryKinds.ProductMapped && h.After == "Trail boots" && h.Details == c.Product));
        }

        // The spellings became aliases: a later complaint spelled so (case and spaces aside) is mapped at registration.
        await using var csmAgain = await _app.SignInAsync(CsmEmail);
        var later = await csmAgain.Complaints.RegisterAsync(Form("  WINTER   boot ", "wrong-item"), Ct);
        var laterCase = (await csmAgain.Complaints.GetCaseAsync(later.Id, Ct))!;
        Assert.Equal(boots, laterCase.Complaint.ProductId);
        Assert.Equal([("Trail boots", 4)], await ByProductAsync());

        // A CAPA scoped on any one spelling counts the whole listed product.
        await using (var db = _app.Database.CreateContext())
        {
            Assert.Equal(4, await RecurrenceQueries.InScope(db, db.Complaints, "winter boot", "wrong-item", null).CountAsync(Ct));
        }
    }

    [Fact]
    public async Task AnAdmin_RenamesACategory_AndEveryPageShowsTheNewName_WhileTheComplaintKeepsItsCode()
    {
        Guid id;
        await using (var csm = await _app.SignInAsync(CsmEmail))
        {
            id = (await csm.Complaints.RegisterAsync(Form("Garden hose set", "delivery"), Ct)).Id;
        }

        await using var admin = await _app.SignInAsync(AdminEmail);
        var taxonomy = admin.Services.GetRequiredService<TaxonomyService>();
        var delivery = CategoryForm.From((await taxonomy.GetCategoriesAsync(Ct)).Single(c => c.Code == "delivery"));
        delivery.NameEn = "Shipping <img src=x onerror=alert(1)>";
        delivery.NameRu = "Доставка и курьеры";
        delivery.Code = "shipping";
        var inUse = await Assert.ThrowsAsync<DomainException>(() => taxonomy.SaveCategoryAsync(delivery, Ct));
        Assert.Equal("The code is in use and can no longer change; rename the category instead.", inUse.Message);

        delivery.Code = "delivery";
        await taxonomy.SaveCategoryAsync(delivery, Ct);

        var names = await admin.Services.GetRequiredService<CategoryService>().GetNamesAsync(Ct);
        Assert.Equal("Shipping <img src=x onerror=alert(1)>", names.Category("delivery"));
        var report = await admin.Services.GetRequiredService<TrendQueries>().GetReportAsync(TrendFilter.LastMonths(DateOnly.FromDateTime(DateTime.UtcNow), 2), Ct);
        Assert.Contains(report.ByCategory, r => r.Key == "delivery" && r.Count == 1);
        await using var db = _app.Database.CreateContext();
        Assert.Equal("delivery", (await db.Complaints.SingleAsync(c => c.Id == id, Ct)).CategoryCode);
    }

    [Fact]
    public async Task ADeactivatedCategoryOrRootCause_StaysOnOldComplaints_ButCannotBeChosenAgain()
    {
        Guid old;
        await using (var csm = await _app.SignInAsync(CsmEmail))
        {
            old = (await csm.Complaints.RegisterAsync(Form("Office chair", "billing"), Ct)).Id;
        }

        await using (var admin = await _app.SignInAsync(AdminEmail))
        {
            var taxonomy = admin.Services.GetRequiredService<TaxonomyService>();
            var billing = CategoryForm.From((await taxonomy.GetCategoriesAsync(Ct)).Single(c => c.Code == "billing"));
            billing.IsActive = false;
            await taxonomy.SaveCategoryAsync(billing, Ct);
            var added = await taxonomy.SaveCategoryAsync(new CategoryForm { Code = "installation", NameEn = "Installation", NameRu = "Установка", SortOrder = 95, IsActive = true }, Ct);
            Assert.Equal("installation", added);
            var carrier = RootCauseNameForm.From((await taxonomy.GetRootCausesAsync(Ct)).Single(c => c.Code == RootCauseCategory.Carrier));
            carrier.IsActive = false;
            await taxonomy.SaveRootCauseAsync(carrier, Ct);
        }

        await using var staff = await _app.SignInAsync(CsmEmail);
        var offered = await staff.Services.GetRequiredService<CategoryService>().GetActiveAsync(Ct);
        Assert.DoesNotContain(offered, c => c.Code == "billing");
        Assert.Contains(offered, c => c.Code == "installation" && c.NameRu == "Установка");
        var refused = await Assert.ThrowsAsync<DomainException>(() => staff.Complaints.RegisterAsync(Form("Office chair", "billing"), Ct));
        Assert.Equal("Choose a category from the list.", refused.Message);
        Assert.NotEqual(Guid.Empty, (await staff.Complaints.RegisterAsync(Form("Drill", "installation"), Ct)).Id);

        var steps = new CaseSteps(staff, old);
        await steps.AcknowledgeAsync();
        await steps.InvestigateAsync();
        var version = (await staff.Complaints.GetCaseAsync(old, Ct))!.Version;
        var cause = await Assert.ThrowsAsync<DomainException>(() => staff.Complaints.RecordRootCauseAsync(old, version,
            new RootCauseForm { Category = RootCauseCategory.Carrier, Description = "Courier late." }, Ct));
        Assert.Equal("This root-cause category is no longer in use; choose another.", cause.Message);

        // The old complaint keeps its category, and trends still count it under the (inactive) category.
        var report = await staff.Services.GetRequiredService<TrendQueries>().GetReportAsync(TrendFilter.LastMonths(DateOnly.FromDateTime(DateTime.UtcNow), 2), Ct);
        Assert.Contains(report.ByCategory, r => r.Key == "billing" && r.Count == 1);
    }

    [Fact]
    public async Task OnlyAnAdmin_ChangesTheTaxonomies_TheServerRefusesEveryoneElse()
    {
        foreach (var email in new[] { CsmEmail, QualityEmail })
        {
            await using var user = await _app.SignInAsync(email);
            var taxonomy = user.Services.GetRequiredService<TaxonomyService>();
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => taxonomy.SaveCategoryAsync(new CategoryForm { Code = "x", NameEn = "X", NameRu = "Х" }, Ct));
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => taxonomy.SaveRootCauseAsync(new RootCauseNameForm { Code = RootCauseCategory.Carrier, NameEn = "X", NameRu = "Х" }, Ct));
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => taxonomy.SaveProductAsync(new ProductForm { NameEn = "X", NameRu = "Х" }, Ct));
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => taxonomy.MapSpellingsAsync(["x"], 1, Ct));
            await Assert.ThrowsAsync<PortalAccessDeniedException>(() => taxonomy.GetUnmappedAsync(Ct));
        }

        await using var db = _app.Database.CreateContext();
        Assert.False(await db.Categories.AnyAsync(c => c.Code == "x", Ct));
        Assert.False(await db.Products.AnyAsync(Ct));
    }

    [Fact]
    public async Task P60_Staff_MapOneComplaintsProductOnTheCase_TheTimelineRecordsIt_AndInactiveProductsCannotBeChosen()
    {
        long boots, retired;
        await using (var admin = await _app.SignInAsync(AdminEmail))
        {
            var taxonomy = admin.Services.GetRequiredService<TaxonomyService>();
            boots = await taxonomy.SaveProductAsync(new ProductForm { NameEn = "Trail boots", NameRu = "Ботинки для походов", IsActive = true }, Ct);
            retired = await taxonomy.SaveProductAsync(new ProductForm { NameEn = "Old boots", NameRu = "Старые ботинки", IsActive = false }, Ct);
        }

        await using var csm = await _app.SignInAsync(CsmEmail);
        var id = (await csm.Complaints.RegisterAsync(Form("hiking boot", "wrong-item"), Ct)).Id;
        var products = csm.Services.GetRequiredService<ProductService>();
        Assert.Equal(["Trail boots"], (await products.GetChoicesAsync(Ct)).Select(p => p.NameEn));
        var version = (await csm.Complaints.GetCaseAsync(id, Ct))!.Version;
        var inactive = await Assert.ThrowsAsync<DomainException>(() => products.MapAsync(id, version, retired, Ct));
        Assert.Equal("Choose a product from the list.", inactive.Message);

        await products.MapAsync(id, version, boots, Ct);

        var mapped = (await csm.Complaints.GetCaseAsync(id, Ct))!;
        Assert.Equal(boots, mapped.Complaint.ProductId);
        Assert.Equal("hiking boot", mapped.Complaint.Product);
        var entry = mapped.Complaint.History[^1];
        Assert.Equal((ComplaintHistoryKinds.ProductMapped, "hiking boot", "Trail boots", CsmEmail), (entry.Kind, entry.Before, entry.After, await EmailOfAsync(entry.ActorId)));

        // Quality reads cases but does not handle them: the server refuses the mapping.
        await using var quality = await _app.SignInAsync(QualityEmail);
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => quality.Services.GetRequiredService<ProductService>().MapAsync(id, mapped.Version, boots, Ct));
    }

    private async Task<string?> EmailOfAsync(string userId)
    {
        await using var db = _app.Database.CreateContext();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<List<(string, int)>> ByProductAsync()
    {
        await using var quality = await _app.SignInAsync(QualityEmail);
        var report = await quality.Services.GetRequiredService<TrendService>().GetReportAsync(TrendFilter.LastMonths(DateOnly.FromDateTime(DateTime.UtcNow), 2), Ct);
        return report.ByProduct.Select(r => (r.Key, r.Count)).ToList();
    }

    private async Task<List<RecurringIssueAlert>> AlertsAsync()
    {
        await using var db = _app.Database.CreateContext();
        var now = DateTime.UtcNow;
        return await CapaScanJob.FindNewAlertsAsync(db, 3, 30, now, DateOnly.FromDateTime(now), Ct);
    }

    private static RegisterComplaintForm Form(string product, string category)
    {
        var form = CustomerFixtures.Form("Aliya Nurlanova", "aliya@example.com", null, "Wrong size delivered", "ZW-1");
        form.Product = product;
        form.CategoryCode = category;
        return form;
    }
}
