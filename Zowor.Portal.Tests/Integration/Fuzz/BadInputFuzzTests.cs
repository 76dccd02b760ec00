using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Fuzz;

/// <summary>
/// More than a thousand generated bad inputs against the public complaint form, the status lookup and its case forms,
/// and the staff side (the JSON API and the registration service): never a 500, never an unhandled exception, and
/// nothing stored or changed. Reproducible: the generator has a fixed seed, and a failure names the input.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class BadInputFuzzTests : IAsyncLifetime
{
    private const int Seed = 20261125;

    // Values that break a field on their own, by kind.
    private static readonly string[] Nasty =
    [
        "", " ", "\t\n", new string('x', 5000), new string('я', 4001), "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
        "'; DROP TABLE Complaints; --", "\" OR \"1\"=\"1", "\u202Egnp.exe", "a\u0000b", "\u0007bell", "{{7*7}}", "${jndi:ldap://x}",
        "../../etc/passwd", "%00", "😀😀😀", "مرحبا\u200F", "\uFEFF", "null", "undefined", "-1", "99999999999999999999", "NaN",
    ];

    // One guaranteed-invalid change per submission, so that no generated complaint can be valid.
    private static readonly (string Field, Func<Random, string> Value)[] Breakers =
    [
        ("Form.Name", _ => ""),
        ("Form.Name", r => "<b>" + Pick(r, Nasty) + "</b>"),
        ("Form.Name", r => new string('n', 201 + r.Next(5000))),
        ("Form.Name", _ => "Ivan\u202EPetrov"),
        ("Form.Email", r => "user" + r.Next() + "@@example.com"),
        ("Form.Email", r => Pick(r, ["x' OR 1=1@a.b", "@example.com", "a@b", "plain", "a b@c.de"])),
        ("Form.Phone", r => Pick(r, ["12", "call me", "+7 (701) ABC", new string('1', 40)])),
        ("Form.OrderNumber", r => Pick(r, ["1'; DROP TABLE x;--", "ZW 100 234", "😀", "<x>", "-", "ab"])),
        ("Form.Product", r => "</td>" + Pick(r, Nasty)),
        ("Form.CategoryCode", r => Pick(r, ["", "NOT-A-CATEGORY", "'; DELETE FROM Categories;--", new string('c', 65)])),
        ("Form.Description", r => Pick(r, ["", "short", new string('d', 4001 + r.Next(3000)), "Look <iframe src=//evil>"])),
        ("Form.PreferredResolution", r => Pick(r, ["Teleport", "99", "-1", "", "replacement"])),
        ("Form.Consent", r => Pick(r, ["false", "", "no", "0"])),
    ];

    private readonly PortalAppFactory _app = new();
    private int _complaintsBefore;
    private int _outboxBefore;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await using var db = _app.Database.CreateContext();
        _complaintsBefore = await db.Complaints.CountAsync(TestContext.Current.CancellationToken);
        _outboxBefore = await db.OutboxMessages.CountAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task OverAThousandBadInputs_CauseNo500_AndStoreNothing()
    {
        var random = new Random(Seed);
        var sent = 0;
        sent += await FuzzPublicFormAsync(random, 600);
        sent += await FuzzStatusLookupAsync(random, 250);
        sent += await FuzzStaffApiAsync(random, 120);
        sent += await FuzzStaffRegistrationAsync(random, 80);

        Assert.True(sent >= 1000, $"Only {sent} inputs were sent.");
        await using var db = _app.Database.CreateContext();
        Assert.Equal(_complaintsBefore, await db.Complaints.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(_outboxBefore, await db.OutboxMessages.CountAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<int> FuzzPublicFormAsync(Random random, int count)
    {
        using var site = new PublicSite(_app);
        var (action, token) = await site.Client.GetFormAsync("complain", "public-complaint", TestContext.Current.CancellationToken);
        for (var i = 0; i < count; i++)
        {
            var fields = new Dictionary<string, string>(token);
            foreach (var (key, value) in PublicSite.ValidComplaint())
            {
                fields[key] = value;
            }

            // Noise on a few fields (may or may not be valid), then one change that is certainly invalid.
            for (var n = random.Next(0, 3); n > 0; n--)
            {
                fields[Pick(random, fields.Keys.Where(k => k.StartsWith("Form.", StringComparison.Ordinal)).ToArray())] = Pick(random, Nasty);
            }

            var (field, breaker) = Breakers[random.Next(Breakers.Length)];
            fields[field] = breaker(random);
            if (random.Next(10) == 0)
            {
                fields.Remove(Pick(random, fields.Keys.Where(k => k.StartsWith("Form.", StringComparison.Ordinal)).ToArray()));
            }

            using var response = await site.Client.Http.PostAsync(action, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
            AssertHandled(response, $"public form #{i}: {field}={Describe(fields.GetValueOrDefault(field))}");
        }

        return count;
    }

    private async Task<int> FuzzStatusLookupAsync(Random random, int count)
    {
        using var site = new PublicSite(_app);
        var (action, token) = await site.Client.GetFormAsync("track", "status-lookup", TestContext.Current.CancellationToken);
        for (var i = 0; i < count; i++)
        {
            var fields = new Dictionary<string, string>(token);
            switch (random.Next(3))
            {
                case 0:
                    fields["Lookup.Reference"] = random.Next(2) == 0 ? $"ZW-{random.Next(1990, 2100)}-{random.Next(0, 999999):D6}" : Pick(random, Nasty);
                    fields["Lookup.Contact"] = Pick(random, Nasty);
                    break;
                case 1:
                    // A case form with a forged or missing access token and junk text.
                    fields["_handler"] = Pick(random, ["customer-info", "ask-ceo"]);
                    var prefix = fields["_handler"] == "customer-info" ? "Info" : "Ceo";
                    fields[$"{prefix}.Access"] = Pick(random, [string.Empty, "CfDJ8" + new string('A', random.Next(10, 200)), Pick(random, Nasty)]);
                    fields[$"{prefix}.Text"] = Pick(random, Nasty);
                    break;
                default:
                    fields["_handler"] = Pick(random, ["status-lookup", "nope", string.Empty]);
                    fields[Pick(random, ["Lookup.Reference", "Lookup.Contact", "Lookup"])] = Pick(random, Nasty);
                    break;
            }

            using var response = await site.Client.Http.PostAsync(action, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
            AssertHandled(response, $"status lookup #{i}: {Describe(string.Join("&", fields.Where(f => f.Key != "__RequestVerificationToken").Select(f => f.Key + "=" + f.Value)))}");
        }

        return count;
    }

    private async Task<int> FuzzStaffApiAsync(Random random, int count)
    {
        Guid id;
        long version;
        await using (var db = _app.Database.CreateContext())
        {
            id = await db.Complaints.Where(c => c.Status == ComplaintStatus.Investigating).Select(c => c.Id).FirstAsync(TestContext.Current.CancellationToken);
            version = await db.Complaints.Where(c => c.Id == id).Select(c => EF.Property<long>(c, "Version")).SingleAsync(TestContext.Current.CancellationToken);
        }

        using var client = await PortalClient.SignedInAsync(_app, "csm@zowor.test", cancellationToken: TestContext.Current.CancellationToken);
        string[] bodies =
        [
            "", "{", "null", "[]", "{\"level\":99,\"reason\":\"x\",\"version\":" + version + "}",
            "{\"level\":\"ChiefExecutive\",\"reason\":\"\",\"version\":" + version + "}",
            "{\"level\":\"ChiefExecutive\",\"reason\":\"" + new string('r', 2001) + "\",\"version\":" + version + "}",
            "{\"level\":\"ChiefExecutive\",\"reason\":\"stale\",\"version\":-5}",
            "{\"direction\":\"Sideways\",\"channel\":\"Email\",\"summary\":\"x\",\"version\":" + version + "}",
            "{\"direction\":\"Outbound\",\"channel\":\"Pigeon\",\"summary\":\"x\",\"version\":" + version + "}",
            "{\"direction\":\"Outbound\",\"channel\":\"Email\",\"summary\":\"   \",\"version\":" + version + "}",
            "{\"direction\":\"Outbound\",\"channel\":\"Email\",\"summary\":\"x\",\"version\":\"abc\"}",
            "{\"level\":{\"$gt\":1}}",
        ];
        for (var i = 0; i < count; i++)
        {
            var target = Pick(random, [$"api/complaints/{id}/escalations", $"api/complaints/{id}/communications", $"api/complaints/{Guid.NewGuid()}/escalations"]);
            var body = random.Next(4) == 0 ? Pick(random, Nasty) : Pick(random, bodies);
            using var content = new StringContent(body, Encoding.UTF8, random.Next(8) == 0 ? "text/plain" : "application/json");
            using var response = await client.Http.PostAsync(target, content, TestContext.Current.CancellationToken);
            AssertHandled(response, $"API #{i}: POST {target} {Describe(body)}");
            Assert.NotEqual(HttpStatusCode.NoContent, response.StatusCode);
        }

        await using var after = _app.Database.CreateContext();
        Assert.Equal(version, await after.Complaints.Where(c => c.Id == id).Select(c => EF.Property<long>(c, "Version")).SingleAsync(TestContext.Current.CancellationToken));
        return count;
    }

    private async Task<int> FuzzStaffRegistrationAsync(Random random, int count)
    {
        await using var agent = await _app.SignInAsync("agent@zowor.test");
        for (var i = 0; i < count; i++)
        {
            var form = new RegisterComplaintForm
            {
                Channel = (ComplaintChannel)random.Next(-1, 4),
                ReceivedOn = random.Next(3) == 0 ? null : DateTime.Today.AddDays(random.Next(-3, 30)),
                ReceivedTime = TimeSpan.FromHours(random.Next(0, 24)),
                CustomerName = Pick(random, Nasty),
                Email = Pick(random, Nasty),
                Phone = Pick(random, Nasty),
                Subject = Pick(random, Nasty),
                Description = Pick(random, Nasty),
                CategoryCode = Pick(random, ["", "NOT-A-CATEGORY", "delivery"]),
                CustomerLanguage = Pick(random, ["en", "ru", "'; --", new string('l', 20)]),
            };
            try
            {
                await agent.Complaints.RegisterAsync(form, TestContext.Current.CancellationToken);
                Assert.Fail($"registration #{i} was accepted: {Describe(form.CustomerName)} / {Describe(form.Email)} / {Describe(form.Subject)}");
            }
            catch (DomainException)
            {
                // Refused with a message the page shows.
            }
        }

        return count;
    }

    private static void AssertHandled(HttpResponseMessage response, string input)
    {
        Assert.True((int)response.StatusCode < 500, $"HTTP {(int)response.StatusCode} for {input}");
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Describe(string? value) =>
        value is null ? "(missing)" : value.Length > 60 ? $"{value[..60]}… ({value.Length} chars)" : value;
}
