using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Domain.Memos;
using Zowor.Portal.Domain.Training;
using Zowor.Portal.Features.Categories;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Data;

/// <summary>Idempotent seeding: roles and the category taxonomy always; demo users and complaints only when asked (Development).</summary>
public sealed class DbSeeder(
    IDbContextFactory<PortalDbContext> contexts,
    RoleManager<IdentityRole> roles,
    UserManager<PortalUser> users,
    TimeProvider clock,
    Features.Mail.CustomerMessagePlanner customerMessages,
    Features.Evidence.EvidenceStore evidenceFiles,
    Features.Reviews.ReviewDemoData reviewDemo,
    ILogger<DbSeeder> logger)
{
    /// <summary>The password of every demo account; the README lists the accounts.</summary>
    public const string DemoPassword = "Zowor-demo-2026";

    /// <summary>
    /// The authenticator key (base32) of the demo Admin and CEO, who must sign in with two factors: add it to an
    /// authenticator app to sign in as them (README). Development demo data only, never a real account.
    /// </summary>
    public const string DemoAuthenticatorKey = "ZOWORDEMOTOTPKEYFORADMINANDCEOXX";

    /// <summary>Demo accounts: e-mail, display name, roles.</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string[] Roles)> DemoUsers =
    [
        ("agent@zowor.test", "Aigerim Agent", [PortalRoles.Agent]),
        ("csm@zowor.test", "Sanzhar Serikov (CSM)", [PortalRoles.Csm]),
        ("cco@zowor.test", "Dana Karimova (CCO)", [PortalRoles.Cco]),
        ("ceo@zowor.test", "Allen Zhou (CEO)", [PortalRoles.Ceo]),
        ("quality@zowor.test", "Marat Quality", [PortalRoles.Quality]),
        ("admin@zowor.test", "Portal Admin", [PortalRoles.Admin]),
    ];

    private static readonly (string Code, string En, string Ru)[] Categories =
    [
        ("product-defect", "Product defect", "Дефект товара"),
        ("delivery", "Delivery", "Доставка"),
        ("packaging", "Packaging", "Упаковка"),
        ("wrong-item", "Wrong item", "Не тот товар"),
        ("billing", "Billing", "Оплата и счета"),
        ("service", "Customer service", "Обслуживание"),
        ("website", "Website", "Сайт"),
        ("other", "Other", "Другое"),
    ];

    /// <summary>The root-cause categories' starting names (English is the enum member's words); admins rename them.</summary>
    private static readonly (RootCauseCategory Code, string Ru)[] RootCauses =
    [
        (RootCauseCategory.ProductDefect, "Дефект продукции"),
        (RootCauseCategory.Supplier, "Поставщик"),
        (RootCauseCategory.Packaging, "Упаковка"),
        (RootCauseCategory.Carrier, "Перевозчик"),
        (RootCauseCategory.WarehouseProcess, "Складской процесс"),
        (RootCauseCategory.StaffError, "Ошибка персонала"),
        (RootCauseCategory.Systems, "Информационные системы"),
        (RootCauseCategory.Communication, "Коммуникация"),
        (RootCauseCategory.Policy, "Политика компании"),
        (RootCauseCategory.CustomerMisuse, "Ненадлежащее использование клиентом"),
        (RootCauseCategory.NoFaultFound, "Нарушений не выявлено"),
        (RootCauseCategory.Other, "Другое"),
    ];

    /// <summary>The demo product list (Development): English, Russian.</summary>
    private static readonly (string En, string Ru)[] DemoProducts =
    [
        ("AirBeat headphones", "Наушники AirBeat"),
        ("Ceramic vase", "Керамическая ваза"),
        ("Garden hose set", "Набор садовых шлангов"),
        ("Office chair", "Офисное кресло"),
        ("SteelBoil 1.7 L kettle", "Чайник SteelBoil 1,7 л"),
        ("Winter boots", "Зимние ботинки"),
    ];

    /// <summary>
    /// The demo's winter-boot complaints predate the product list and are left unmapped, in three spellings, so the
    /// Admin's unmapped-products report has something to map; the other demo products are mapped.
    /// </summary>
    private static readonly string[] UnmappedDemoSpellings = ["Winter boots", "winter boot", "Зимние ботинки"];

    public async Task SeedAsync(bool demoData, CancellationToken cancellationToken = default)
    {
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var existing = await db.Categories.Select(c => c.Code).ToListAsync(cancellationToken);
            var order = 0;
            foreach (var (code, en, ru) in Categories)
            {
                order += 10;
                if (!existing.Contains(code))
                {
                    db.Categories.Add(new ComplaintCategory { Code = code, NameEn = en, NameRu = ru, SortOrder = order });
                }
            }

            var causes = await db.RootCauseCategories.Select(c => c.Code).ToListAsync(cancellationToken);
            order = 0;
            foreach (var (code, ru) in RootCauses)
            {
                order += 10;
                if (!causes.Contains(code))
                {
                    db.RootCauseCategories.Add(new RootCauseCategoryName { Code = code, NameEn = Components.Shared.EnumText.Of(code), NameRu = ru, SortOrder = order });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await Features.Replies.ReplyTemplateSeed.SeedAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        if (!demoData)
        {
            return;
        }

        var people = new Dictionary<string, Actor>();
        foreach (var (email, name, userRoles) in DemoUsers)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
                var created = await users.CreateAsync(user, DemoPassword);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create demo user {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
                }

                await users.AddToRolesAsync(user, userRoles);
            }

            if (userRoles.Any(PortalRoles.TwoFactorRequired.Contains) && !await users.GetTwoFactorEnabledAsync(user))
            {
                // The store's own token name for the authenticator key (UserStoreBase.SetAuthenticatorKeyAsync).
                await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", DemoAuthenticatorKey);
                await users.SetTwoFactorEnabledAsync(user, true);
            }

            people[userRoles[0]] = new Actor(user.Id, user.DisplayName);
        }

        await SeedComplaintsAsync(people, cancellationToken);
        await SeedQueueViewsAsync(people[PortalRoles.Csm], cancellationToken);
        await SeedTrainingAsync(people, cancellationToken);
        await SeedMemosAsync(people, cancellationToken);
        await Features.Capa.CapaDemoData.SeedAsync(contexts, people, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await reviewDemo.SeedAsync(people, cancellationToken);
    }

    /// <summary>Issue 17: the demo CSM's own saved queue view (open product defects, newest first), as the queue's "Save view" stores it.</summary>
    private async Task SeedQueueViewsAsync(Actor csm, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.SavedQueueViews.AnyAsync(v => v.UserId == csm.Id, cancellationToken))
        {
            return;
        }

        var filter = new Features.Complaints.QueueFilter { CategoryCode = "product-defect", Sort = Features.Complaints.QueueSort.Newest };
        db.SavedQueueViews.Add(new Features.Complaints.SavedQueueView
        {
            UserId = csm.Id,
            Name = "Product defects, newest first",
            PagePath = "queue",
            Query = filter.FirstPage().ToQueryString(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>P-80 demo records: the three policy courses and one more, with sessions that leave some training expiring, one overdue and some missing.</summary>
    private async Task SeedTrainingAsync(Dictionary<string, Actor> people, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.TrainingCourses.AnyAsync(cancellationToken))
        {
            return;
        }

        var procedure = TrainingCourse.Create("Complaint handling procedure", "The complaint policy from first contact to closure: acknowledgement within 24 hours, investigation, resolution, escalation (P-20 to P-73).", 12, mandatory: true);
        var empathy = TrainingCourse.Create("Empathy in customer conversations", "Listening, acknowledging feelings, apologising without blame.", 24, mandatory: true);
        var conflict = TrainingCourse.Create("Conflict resolution and de-escalation", "Calming an angry customer, agreeing next steps, knowing when to escalate.", 24, mandatory: true);
        var gdpr = TrainingCourse.Create("Customer data and GDPR", "What personal data a complaint holds, who may see it, and when it is erased (P-51, P-91).", 12, mandatory: false);
        db.TrainingCourses.AddRange(procedure, empathy, conflict, gdpr);
        await db.SaveChangesAsync(cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var admin = people[PortalRoles.Admin];
        var cco = people[PortalRoles.Cco];
        Actor[] Who(params string[] roles) => roles.Select(r => people[r]).ToArray();
        void Session(TrainingCourse course, DateOnly heldOn, string trainer, params Actor[] attendees) =>
            db.TrainingSessions.Add(TrainingSession.Record(course, heldOn, trainer, null, attendees, today, admin, now));

        // Expires in about two weeks for the agent and the CEO; current for the others.
        Session(procedure, today.AddMonths(-12).AddDays(15), cco.Name, Who(PortalRoles.Agent, PortalRoles.Ceo));
        Session(procedure, today.AddMonths(-2), cco.Name, Who(PortalRoles.Csm, PortalRoles.Cco, PortalRoles.Quality, PortalRoles.Admin));
        // The agent's empathy training lapsed last month: overdue.
        Session(empathy, today.AddMonths(-25), "External: Talk Well Academy", Who(PortalRoles.Agent));
        Session(empathy, today.AddMonths(-3), "External: Talk Well Academy", Who(PortalRoles.Csm, PortalRoles.Cco, PortalRoles.Quality, PortalRoles.Ceo));
        // Conflict resolution expiring in about three weeks for the agent and the CSM; the Admin never took it.
        Session(conflict, today.AddMonths(-24).AddDays(20), people[PortalRoles.Csm].Name, Who(PortalRoles.Agent, PortalRoles.Csm));
        Session(conflict, today.AddMonths(-6), people[PortalRoles.Csm].Name, Who(PortalRoles.Cco, PortalRoles.Quality, PortalRoles.Ceo));
        Session(gdpr, today.AddMonths(-1), "Legal team", Who(PortalRoles.Agent, PortalRoles.Csm, PortalRoles.Cco, PortalRoles.Quality, PortalRoles.Admin));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>P-81 demo memos: one acknowledged by some of its audience, one new to everyone.</summary>
    private async Task SeedMemosAsync(Dictionary<string, Actor> people, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Memos.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var roles = PortalRoles.All.ToList();
        var sent = now.AddDays(-6);
        var script = Memo.Publish(
            "New acknowledgement script for phone complaints",
            """
            From Monday every phone complaint is acknowledged **during the call**:

            1. Read the reference number back to the customer.
            2. Give the estimated resolution date the portal suggests.
            3. Log the call on the case.

            The 24-hour rule (P-20) still applies to e-mail and web complaints. The script is on the
            [intranet](https://intranet.zowor.test/scripts/acknowledgement).
            """,
            [PortalRoles.Agent, PortalRoles.Csm],
            DateOnly.FromDateTime(sent.AddDays(3)),
            roles,
            DateOnly.FromDateTime(sent),
            people[PortalRoles.Quality],
            sent);
        script.Acknowledge(people[PortalRoles.Csm], [PortalRoles.Csm], sent.AddHours(2));

        var yesterday = now.AddDays(-1);
        var refunds = Memo.Publish(
            "Refunds above 200 EUR need a second approval",
            """
            After the October review (P-63) refunds **above 200 EUR** need the approval of the CSM or the CCO
            before they are offered to the customer. Record the approval in the case timeline.

            *Why:* two large refunds last month were offered before the root cause was known.
            """,
            [PortalRoles.Agent, PortalRoles.Csm, PortalRoles.Cco, PortalRoles.Quality],
            DateOnly.FromDateTime(now.AddDays(7)),
            roles,
            DateOnly.FromDateTime(yesterday),
            people[PortalRoles.Cco],
            yesterday);
        refunds.Acknowledge(people[PortalRoles.Quality], [PortalRoles.Quality], yesterday.AddHours(1));
        db.Memos.AddRange(script, refunds);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static readonly (string Category, string Subject, string Product, RootCauseCategory Cause, string CauseText)[] HistoryTemplates =
    [
        ("delivery", "Parcel arrived a week late", "Garden hose set", RootCauseCategory.Carrier, "Carrier hub backlog."),
        ("product-defect", "Headphones stopped charging", "AirBeat headphones", RootCauseCategory.ProductDefect, "Faulty charging port batch."),
        ("packaging", "Vase broken in transit", "Ceramic vase", RootCauseCategory.Packaging, "No protective insert."),
        ("wrong-item", "Wrong size delivered", "Winter boots", RootCauseCategory.WarehouseProcess, "SKU scan skipped at picking."),
        ("billing", "Discount not applied", "Office chair", RootCauseCategory.Systems, "Promotion engine rounding error."),
        ("service", "Rude reply from support", "—", RootCauseCategory.StaffError, "Agent under time pressure."),
        ("website", "Checkout page froze", "—", RootCauseCategory.Systems, "Payment widget timeout."),
        ("product-defect", "Kettle leaks at the base", "SteelBoil 1.7 L kettle", RootCauseCategory.ProductDefect, "Seal defect from supplier."),
    ];

    private static readonly string[] HistoryNames =
        ["Ivan Petrov", "Maria Garcia", "Chen Jing", "Aisha Bekova", "Tom Becker", "Elena Smirnova", "Kairat Sadykov", "Nora Jensen"];

    private static void SeedHistory(
        Func<ComplaintChannel, string, string?, string?, string, string, string, string?, string?, TimeSpan, ComplaintSeverity, PreferredResolution, Complaint> create,
        DateTime now, Actor agent, Actor csm)
    {
        // Fixed seed: the same demo history on every machine.
        var random = new Random(2026);
        var names = new List<string>();
        for (var i = 0; i < 48; i++)
        {
            var template = HistoryTemplates[random.Next(HistoryTemplates.Length)];
            var name = HistoryNames[random.Next(HistoryNames.Length)];
            // Every eighth complaint comes from the customer of two complaints before: repeat complaints for the trends (P-60).
            var customer = i % 8 == 7 ? i - 2 : i;
            names.Add(name = customer == i ? name : names[customer]);
            var channel = (ComplaintChannel)random.Next(3);
            var age = TimeSpan.FromDays(120 - (i * 2.2)) + TimeSpan.FromHours(random.Next(0, 20));
            var product = template.Product switch
            {
                "—" => null,
                "Winter boots" => UnmappedDemoSpellings[i % UnmappedDemoSpellings.Length],
                _ => template.Product,
            };
            var complaint = create(channel, name, $"customer{customer}@example.com", null, template.Subject, template.Subject + ". Please help.",
                template.Category, product, $"ZW-87{i:0000}", age, ComplaintSeverity.Normal, PreferredResolution.NoPreference);
            var start = complaint.ReceivedAt;
            var ackHours = random.Next(1, 30);
            complaint.Acknowledge(ContactMethod.Email, DateOnly.FromDateTime(start.AddDays(7)), agent, start.AddHours(ackHours));
            complaint.StartInvestigation(agent, start.AddHours(ackHours + 1));
            complaint.RecordRootCause(template.Cause, template.CauseText, null, agent, start.AddDays(1));
            var offer = (i % 4) switch
            {
                0 => ResolutionOffer.Create(ResolutionKind.Replacement, null, null, null, "Replacement sent."),
                1 => ResolutionOffer.Create(ResolutionKind.PartialRefund, 5m + random.Next(5, 60), "EUR", null, "Partial refund."),
                2 => ResolutionOffer.Create(ResolutionKind.FullRefund, 20m + random.Next(10, 150), "EUR", null, "Full refund."),
                _ => ResolutionOffer.Create(ResolutionKind.Compensation, null, null, CompensationKind.Discount, "15% discount on the next order."),
            };
            complaint.ProposeResolution(offer, agent, start.AddDays(1));
            if (i % 5 == 0)
            {
                complaint.Escalate(EscalationLevel.ChiefCustomerOfficer, "Customer unhappy with the first offer.", csm, start.AddDays(1).AddHours(2));
            }

            var resolvedAt = start.AddDays(1 + random.Next(1, 9));
            complaint.RecordCustomerResponse(true, null, agent, resolvedAt);
            complaint.Resolve(resolvedAt, agent, resolvedAt);
            complaint.Close("Resolved to the customer's satisfaction.", random.Next(2, 6), csm, resolvedAt.AddHours(4));
        }
    }

    private async Task SeedComplaintsAsync(Dictionary<string, Actor> people, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Complaints.AnyAsync(cancellationToken))
        {
            return;
        }

        var products = new Dictionary<string, Features.Products.ListedProduct>();
        foreach (var (en, ru) in DemoProducts)
        {
            var product = products[en] = new Features.Products.ListedProduct { NameEn = en, NameRu = ru };
            db.Products.Add(product);
        }

        foreach (var product in products.Values)
        {
            product.Aliases.AddRange(new[] { product.NameEn, product.NameRu }.Select(Domain.Taxonomy.TaxonomyRules.Normalise).Distinct()
                .Select(alias => new Features.Products.ProductAlias { Alias = alias }));
        }

        await db.SaveChangesAsync(cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var agent = people[PortalRoles.Agent];
        var csm = people[PortalRoles.Csm];
        var cco = people[PortalRoles.Cco];
        var sequence = 0;

        Complaint New(ComplaintChannel channel, string name, string? email, string? phone, string subject, string description,
            string category, string? product, string? order, TimeSpan age, ComplaintSeverity severity = ComplaintSeverity.Normal,
            PreferredResolution preferred = PreferredResolution.Replacement, string? language = null)
        {
            var receivedAt = now - age;
            var complaint = Complaint.Register(
                ComplaintReference.Create(receivedAt.Year, ++sequence),
                channel,
                CustomerContact.Create(name, email, phone, email is null ? ContactMethod.Phone : ContactMethod.Email),
                ComplaintDetails.Create(subject, description, category, severity, preferred, order, product),
                receivedAt,
                channel == ComplaintChannel.WebForm ? Actor.Customer : agent,
                receivedAt.AddMinutes(channel == ComplaintChannel.WebForm ? 0 : 12),
                language);
            if (product is not null && !UnmappedDemoSpellings.Contains(product) && products.TryGetValue(product, out var listed))
            {
                complaint.LinkListedProduct(listed.Id);
            }

            db.Complaints.Add(complaint);
            return complaint;
        }

        // Four months of closed complaints, so trends and the monthly review pack have history to show.
        SeedHistory((channel, name, email, phone, subject, description, category, product, order, age, severity, preferred) =>
            New(channel, name, email, phone, subject, description, category, product, order, age, severity, preferred), now, agent, csm);

        // Fresh, unacknowledged: one comfortably inside the 24 h window, one in the warning band, one breached (P-20).
        var kettle = New(ComplaintChannel.WebForm, "Olga Petrova", "olga.petrova@example.com", null, "Kettle stopped working after a week",
            "The electric kettle I bought (order ZW-884213) switches off after a few seconds. It is one week old.",
            "product-defect", "SteelBoil 1.7 L kettle", "ZW-884213", TimeSpan.FromHours(2), preferred: PreferredResolution.Replacement);
        New(ComplaintChannel.Phone, "Timur Akhmetov", null, "+7 777 123 45 67", "Parcel not delivered",
            "Tracking says delivered on Monday, but nothing arrived. Neighbours have not seen it either.",
            "delivery", "Trail running shoes", "ZW-884377", TimeSpan.FromHours(20), preferred: PreferredResolution.Refund);
        New(ComplaintChannel.Email, "Emma Schulz", "emma.schulz@example.de", "+49 151 2345 6789", "Charged twice for one order",
            "My card statement shows two charges of 89.90 EUR for the same order.",
            "billing", null, "ZW-883901", TimeSpan.FromHours(27), preferred: PreferredResolution.Refund);

        var serious = New(ComplaintChannel.Phone, "Aliya Nurlanovna", "aliya.n@example.kz", "+7 701 555 10 20", "Power bank overheated and melted",
            "The power bank became very hot while charging overnight and the case melted. Nobody was hurt but it was frightening.",
            "product-defect", "VoltMax 20000 power bank", "ZW-882640", TimeSpan.FromDays(2), ComplaintSeverity.Serious, PreferredResolution.Refund);
        serious.Acknowledge(ContactMethod.Phone, DateOnly.FromDateTime(now.AddDays(5)), cco, serious.ReceivedAt.AddHours(3));
        serious.Assign(cco.Id, cco.Name, cco, serious.ReceivedAt.AddHours(3));

        var investigating = New(ComplaintChannel.WebForm, "James Miller", "j.miller@example.com", null, "Box crushed, glasses broken",
            "Two of the six wine glasses arrived broken. The outer box was crushed on one side.",
            "packaging", "Crystal wine glasses (6)", "ZW-883120", TimeSpan.FromDays(4), preferred: PreferredResolution.Replacement);
        investigating.Acknowledge(ContactMethod.Email, DateOnly.FromDateTime(now.AddDays(4)), csm, investigating.ReceivedAt.AddHours(5));
        investigating.Assign(csm.Id, csm.Name, csm, investigating.ReceivedAt.AddHours(5));
        investigating.StartInvestigation(csm, investigating.ReceivedAt.AddHours(6));
        investigating.AddEvidence(EvidenceKind.OrderDetails, "Order packed at Almaty warehouse, shipped with standard box, no inner dividers.", csm, investigating.ReceivedAt.AddHours(8));
        investigating.AddInterview("Nurlan B.", "Warehouse supervisor", investigating.ReceivedAt.AddDays(1), "Dividers were out of stock that week; glasses were wrapped in paper only.", csm, investigating.ReceivedAt.AddDays(1));
        // P-21: the estimate was revised once; /track shows the first one in its history, the case the reason.
        investigating.ReviseEstimatedResolutionDate(DateOnly.FromDateTime(now.AddDays(6)), "The replacement glasses come from the supplier, two more days.", csm, investigating.ReceivedAt.AddDays(1).AddHours(1));

        var resolving = New(ComplaintChannel.Email, "Sofia Rossi", "sofia.rossi@example.it", null, "Received a blue jacket instead of black",
            "I ordered the black jacket in size M and received a blue one in size L.",
            "wrong-item", "Urban rain jacket", "ZW-882955", TimeSpan.FromDays(6), preferred: PreferredResolution.Replacement);
        resolving.Acknowledge(ContactMethod.Email, DateOnly.FromDateTime(now.AddDays(2)), agent, resolving.ReceivedAt.AddHours(4));
        resolving.StartInvestigation(agent, resolving.ReceivedAt.AddHours(5));
        resolving.RecordRootCause(RootCauseCategory.WarehouseProcess, "Picker took the item from the neighbouring bin; SKU scan was skipped.", "Peak-season temporary staff", agent, resolving.ReceivedAt.AddDays(1));
        resolving.ProposeResolution(ResolutionOffer.Create(ResolutionKind.Replacement, null, null, null, "Send the black jacket in size M with a prepaid return label for the blue one."), agent, resolving.ReceivedAt.AddDays(1));

        var overdue = New(ComplaintChannel.Phone, "Bekzat Ospanov", null, "+7 705 777 88 99", "Support never called back",
            "I was promised a call back about my warranty claim three times and nobody called.",
            "service", null, null, TimeSpan.FromDays(12), preferred: PreferredResolution.Explanation);
        overdue.Acknowledge(ContactMethod.Phone, DateOnly.FromDateTime(now.AddDays(-2)), agent, overdue.ReceivedAt.AddHours(10));
        overdue.StartInvestigation(agent, overdue.ReceivedAt.AddDays(1));
        overdue.Escalate(EscalationLevel.ChiefCustomerOfficer, "Unresolved past the level-1 target; customer very unhappy.", csm, overdue.ReceivedAt.AddDays(10));
        overdue.Escalate(EscalationLevel.ChiefExecutive, "Customer asked for the Chief Executive (P-73).", cco, overdue.ReceivedAt.AddDays(11));

        var resolved = New(ComplaintChannel.WebForm, "Li Wei", "li.wei@example.cn", null, "Discount code not applied",
            "The 15% welcome code was accepted but the total did not change.",
            "website", null, "ZW-881230", TimeSpan.FromDays(9), preferred: PreferredResolution.Refund);
        resolved.Acknowledge(ContactMethod.Email, DateOnly.FromDateTime(resolved.ReceivedAt.AddDays(5)), csm, resolved.ReceivedAt.AddHours(2));
        resolved.StartInvestigation(csm, resolved.ReceivedAt.AddHours(3));
        resolved.RecordRootCause(RootCauseCategory.Systems, "Checkout applied the code after tax rounding and dropped it.", null, csm, resolved.ReceivedAt.AddDays(1));
        resolved.ProposeResolution(ResolutionOffer.Create(ResolutionKind.PartialRefund, 13.49m, "EUR", null, "Refund the 15% discount that was not applied."), csm, resolved.ReceivedAt.AddDays(1));
        resolved.RecordCustomerResponse(true, "Happy with the refund.", csm, resolved.ReceivedAt.AddDays(2));
        resolved.Resolve(resolved.ReceivedAt.AddDays(2), csm, resolved.ReceivedAt.AddDays(2));

        var closed = New(ComplaintChannel.Email, "Anna Ivanova", "anna.ivanova@example.ru", null, "Late delivery for a birthday gift",
            "The gift arrived three days after the promised date and missed the birthday.",
            "delivery", "Lego city set", "ZW-879944", TimeSpan.FromDays(20), preferred: PreferredResolution.Compensation, language: "ru");
        closed.Acknowledge(ContactMethod.Email, DateOnly.FromDateTime(closed.ReceivedAt.AddDays(5)), agent, closed.ReceivedAt.AddHours(6));
        closed.StartInvestigation(agent, closed.ReceivedAt.AddHours(7));
        closed.RecordRootCause(RootCauseCategory.Carrier, "Carrier hub delay in Astana during a snowstorm.", "No proactive delay notice to the customer", agent, closed.ReceivedAt.AddDays(2));
        closed.ProposeResolution(ResolutionOffer.Create(ResolutionKind.Compensation, null, null, CompensationKind.Discount, "20% discount on the next order."), agent, closed.ReceivedAt.AddDays(2));
        closed.RecordCustomerResponse(true, null, agent, closed.ReceivedAt.AddDays(3));
        closed.Resolve(closed.ReceivedAt.AddDays(3), agent, closed.ReceivedAt.AddDays(3));
        closed.Close("Customer thanked us for the discount.", 4, csm, closed.ReceivedAt.AddDays(4));

        // From the complaints mailbox (P-10): the customer's e-mail became the complaint (receipt planned below), their
        // photo is evidence from the customer, and their answer to the receipt is threaded in with its quoted history.
        var mailedAt = now - TimeSpan.FromHours(5);
        var mailed = Complaint.Register(ComplaintReference.Create(mailedAt.Year, ++sequence), ComplaintChannel.Email,
            CustomerContact.Create("Dmitry Sokolov", "d.sokolov@example.ru", null, ContactMethod.Email),
            ComplaintDetails.Create("Blender jug cracked on first use", "Hello,\n\nThe jug of the blender I received yesterday cracked the first time I used it. A photo is attached.\n\n-- \nDmitry Sokolov",
                "other", ComplaintSeverity.Normal, PreferredResolution.NoPreference, null, null),
            mailedAt, Actor.Customer, mailedAt.AddMinutes(1));
        db.Complaints.Add(mailed);
        mailed.AddCustomerFiles([await DemoFileAsync(mailed.Id, "jug-crack.png", DemoPng, "image/png", cancellationToken)], mailedAt.AddMinutes(1));
        mailed.ReceiveCustomerEmail(
            $"The order number is ZW-885012, and here is the box label too.\n\nOn {mailedAt:ddd, d MMM yyyy} Zowor Customer Care wrote:\n> Thank you for telling us about the problem. Your complaint is registered under the reference {mailed.Reference}.",
            [await DemoFileAsync(mailed.Id, "box-label.png", DemoPng, "image/png", cancellationToken)], mailedAt.AddHours(2));

        // Issue 17: the same customer wrote again about the same kettle by e-mail (with a photo), and the CSM merged it into
        // the first complaint, as the case page's "Mark duplicate" does: the duplicate is withdrawn "duplicate of ZW-…", both
        // timelines record it, the customer is e-mailed the reference that stays, /track of it points to the first one, and
        // the first one's case page shows the e-mail and the photo.
        var againAt = now - TimeSpan.FromMinutes(90);
        var again = Complaint.Register(ComplaintReference.Create(againAt.Year, ++sequence), ComplaintChannel.Email,
            CustomerContact.Create("Olga Petrova", "olga.petrova@example.com", null, ContactMethod.Email),
            ComplaintDetails.Create("Kettle switches itself off", "Hello, I already wrote on your website: the kettle from order ZW-884213 switches off after a few seconds. Photo of the base attached.",
                "product-defect", ComplaintSeverity.Normal, PreferredResolution.Replacement, "ZW-884213", "SteelBoil 1.7 L kettle"),
            againAt, Actor.Customer, againAt.AddMinutes(1));
        db.Complaints.Add(again);
        again.LinkListedProduct(products["SteelBoil 1.7 L kettle"].Id);
        again.AddCustomerFiles([await DemoFileAsync(again.Id, "kettle-base.png", DemoPng, "image/png", cancellationToken)], againAt.AddMinutes(1));
        again.ReceiveCustomerEmail("The light on the base blinks red when it switches off, if that helps.", [], againAt.AddMinutes(20));
        var mergedAt = againAt.AddMinutes(45);
        again.MarkDuplicateOf(kettle.Id, kettle.Reference, csm, mergedAt);
        kettle.RecordDuplicate(again.Id, again.Reference, csm, mergedAt);

        // A photo the customer sent, as an evidence file (P-30): a small text note stands in for it.
        var note = System.Text.Encoding.UTF8.GetBytes("Courier delivery note ZW-883120\nBox received crushed on one side; customer signed with remark \"damaged\".\n");
        var storedName = Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(evidenceFiles.FolderOf(investigating.Id));
        await File.WriteAllBytesAsync(Path.Combine(evidenceFiles.FolderOf(investigating.Id), storedName), note, cancellationToken);
        investigating.AddEvidenceFile(EvidenceKind.Communication, "Courier's delivery note with the damage remark",
            EvidenceFile.Create("delivery-note.txt", "text/plain", note.Length, storedName, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(note))),
            csm, investigating.ReceivedAt.AddHours(9));

        // Issue 15: the customer's own photo from the web form, a reply written on the case and an internal note.
        var photo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAIAAABvFaqvAAAALElEQVR42mN4hwFu9lihIWLUMIwaREeDyNOGqWbUIHoaNJqyR/PaqEF0MQgA7e32XajRdTUAAAAASUVORK5CYII=");
        var photoName = Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(Path.Combine(evidenceFiles.FolderOf(investigating.Id), photoName), photo, cancellationToken);
        investigating.AddCustomerFiles(
            [EvidenceFile.Create("broken-glasses.png", "image/png", photo.Length, photoName, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(photo)))],
            investigating.ReceivedAt.AddHours(10));
        investigating.AddInternalNote("Third crushed box from the Almaty warehouse this month; asked the warehouse supervisor for the packing log.", csm, investigating.ReceivedAt.AddHours(11));
        investigating.ReplyToCustomer("Your broken glasses", "Thank you for the photo of the broken glasses. We are checking how the parcel was packed and will come back to you with a replacement offer within two days.", csm, investigating.ReceivedAt.AddDays(1).AddHours(2));

        await SeedCustomerMailAsync(db, closed.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded {Count} demo complaints", sequence);
    }

    // A 1×1 PNG, standing in for a customer's photo.
    private static readonly byte[] DemoPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    private async Task<EvidenceFile> DemoFileAsync(Guid complaintId, string name, byte[] content, string type, CancellationToken cancellationToken)
    {
        var storedName = Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(evidenceFiles.FolderOf(complaintId));
        await File.WriteAllBytesAsync(Path.Combine(evidenceFiles.FolderOf(complaintId), storedName), content, cancellationToken);
        return EvidenceFile.Create(name, type, content.Length, storedName, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
    }

    /// <summary>
    /// The e-mails the demo complaints would have produced (P-21, P-41), dated when they happened and already sent, and
    /// survey answers for most closed ones (P-01). Anna Ivanova's closure e-mail is left for the dispatcher, so the first
    /// start writes it to data/mail with a survey link that can be tried.
    /// </summary>
    private async Task SeedCustomerMailAsync(PortalDbContext db, Guid keepUnsent, CancellationToken cancellationToken)
    {
        foreach (var complaint in db.ChangeTracker.Entries<Complaint>().Select(e => e.Entity).ToList())
        {
            await customerMessages.PlanAsync(db, complaint, cancellationToken);
            complaint.ClearDomainEvents();
        }

        foreach (var message in db.ChangeTracker.Entries<Features.Mail.OutboxMessage>().Select(e => e.Entity))
        {
            if (message.ComplaintId != keepUnsent || message.Kind != Features.Mail.CustomerMessageKinds.Closed)
            {
                message.SentAt = message.CreatedAt.AddMinutes(1);
                message.Attempts = 1;
            }
        }

        string?[] comments = [null, null, "Quick and polite, thank you.", "Took too long to get an answer.", null, "The refund arrived the next day."];
        var random = new Random(2027);
        foreach (var survey in db.ChangeTracker.Entries<SatisfactionSurvey>().Select(e => e.Entity).Where(s => s.ComplaintId != keepUnsent))
        {
            if (random.NextDouble() < 0.65)
            {
                var outcome = random.Next(2, 6);
                survey.Answer(outcome, Math.Clamp(outcome + random.Next(-1, 2), 1, 5), comments[random.Next(comments.Length)], survey.IssuedAt.AddHours(random.Next(2, 48)));
            }
        }
    }
}
