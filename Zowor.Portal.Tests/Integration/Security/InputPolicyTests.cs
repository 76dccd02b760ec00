using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Customers;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Security;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Security;

/// <summary>
/// Issue 18's hostile-input table run against every door where free text comes in (P-10 web form, P-41 /track, the
/// API's contact summary and escalation reason, every staff form): markup and control characters get the same refusal
/// and message everywhere, and nothing is stored; a customer's own words (right-to-left text, emoji, quotes) pass.
/// (A NUL byte never reaches a form: ASP.NET Core refuses such a post with 400 before binding, see BadInputFuzzTests.)
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class InputPolicyTests : IAsyncLifetime
{
    private const string MarkupMessage = "Please remove HTML or script tags (text between < and >).";
    private const string ControlMessage = "The text contains invisible control characters; please type it again.";
    private const string CsmEmail = "policy.csm@zowor.test";
    private const string Password = "Str0ng-Passphrase!";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>Hostile text and the message every door answers with.</summary>
    public static TheoryData<string, string> Hostile { get; } = new()
    {
        { "Hello <script>alert(1)</script> there", MarkupMessage },
        { "Look: <img src=x onerror=alert(1)>", MarkupMessage },
        { "Broken kettle \u001b[31mRED\u001b[0m in the e-mail", ControlMessage },
        { "Backspace \u0008 typed in the middle", ControlMessage },
        { "Bell \u0007 rings twice", ControlMessage },
        { "Reversed \u202Egnp.exe file name", ControlMessage },
    };

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = CsmEmail, Email = CsmEmail, EmailConfirmed = true, DisplayName = "Policy CSM" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, PortalRoles.Csm)).Succeeded);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task EveryDoor_RefusesHostileText_WithTheSameMessage_AndStoresNothing(string text, string message)
    {
        using var site = new PublicSite(_app);
        var reference = await site.SubmitValidComplaintAsync("policy.customer@example.com", Ct);
        var id = await IdOfAsync(reference);
        var before = await TimelineAsync(id);

        // The web form (P-10): at the description field.
        var values = PublicSite.ValidComplaint("hostile@example.com");
        values["Form.Description"] = text;
        using (var response = await site.SubmitComplaintAsync(values, Ct))
        {
            var page = PortalClient.ParseHtml(await response.Content.ReadAsStringAsync(Ct));
            Assert.True(message == page.QuerySelector("#description ~ .validation-message")?.TextContent.Trim(),
                $"web form: HTTP {(int)response.StatusCode}; messages: {string.Join(" | ", page.QuerySelectorAll(".validation-message, [data-testid=form-error]").Select(e => e.TextContent.Trim()))}");
        }

        // /track "add information" (P-41): at the message field, the text kept.
        var (_, lookup) = await site.LookUpAsync(reference, "policy.customer@example.com", Ct);
        var (added, addedPage) = await site.PostCaseFormAsync(lookup, "customer-info", text, Ct);
        added.Dispose();
        Assert.True(message == addedPage.QuerySelector("#info-text ~ .validation-message")?.TextContent.Trim(),
            $"/track: messages: {string.Join(" | ", addedPage.QuerySelectorAll(".validation-message, [data-testid=form-error]").Select(e => e.TextContent.Trim()))}");

        // The service behind /track, called directly: the same refusal, whoever calls.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var access = lookup.QuerySelector("form input[name='Info.Access']")?.GetAttribute("value");
            var refused = await Assert.ThrowsAnyAsync<Zowor.Portal.Domain.Common.DomainException>(() =>
                scope.ServiceProvider.GetRequiredService<PublicComplaintService>().AddInformationAsync(access, text, Ct));
            Assert.Equal(message, refused.Message);
        }

        // The API: the contact summary and the escalation reason, as a validation problem naming the field.
        using var api = await PortalClient.SignedInAsync(_app, CsmEmail, Password, cancellationToken: Ct);
        var (_, version) = await _app.Database.LoadComplaintAsync(id, Ct);
        using (var response = await api.Http.PostAsJsonAsync($"api/complaints/{id}/communications",
                   new CommunicationRequest(CommunicationDirection.Outbound, CommunicationChannel.Phone, text, version), Json, Ct))
        {
            await AssertProblemAsync(response, "summary", message);
        }

        using (var response = await api.Http.PostAsJsonAsync($"api/complaints/{id}/escalations",
                   new EscalationRequest(Zowor.Portal.Domain.Escalation.EscalationLevel.ChiefCustomerOfficer, text, version), Json, Ct))
        {
            await AssertProblemAsync(response, "reason", message);
        }

        Assert.Equal(before, await TimelineAsync(id));
        await using var db = _app.Database.CreateContext();
        Assert.Equal(1, await db.Complaints.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void EveryStaffAndCustomerForm_RefusesHostileText_InEveryFreeTextField(string text, string message)
    {
        foreach (var (form, property) in FreeTextFields())
        {
            var instance = Activator.CreateInstance(form)!;
            var value = PutText(instance, property, text);
            var results = new List<ValidationResult>();
            Validator.TryValidateProperty(value, new ValidationContext(instance) { MemberName = property.Name }, results);
            Assert.True(results.Any(r => r.ErrorMessage == message), $"{form.Name}.{property.Name} accepted {text}");
        }
    }

    [Theory]
    [InlineData("Чайник протекает снизу, уже второй раз")]
    [InlineData("الغلاية تسرب الماء")]
    [InlineData("The \"Pro\" model's lid 🙁 — 2 < 3 is maths, not markup")]
    [InlineData("Line one\nLine two\twith a tab")]
    public void PlainText_KeepsAPersonsOwnWords(string text) =>
        Assert.Null(PlainText.Problem(text, multiLine: true, "Text"));

    /// <summary>
    /// Every string property with a length limit on every form model of the portal is free text under the policy, except
    /// the fields with a shape of their own (addresses, numbers, codes, tokens, passwords) and Markdown marked as such
    /// (a memo's body, made safe where it is shown).
    /// </summary>
    [Fact]
    public void EveryFreeTextField_OfEveryForm_IsUnderThePolicy()
    {
        string[] shaped = ["Email", "Phone", "OrderNumber", "Currency", "CategoryCode", "Reference", "Contact", "Access", "Password", "OwnerId", "Website", "PreferredResolution"];
        var uncovered = typeof(PlainTextAttribute).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Form", StringComparison.Ordinal) && t.Namespace?.StartsWith("Zowor.Portal.", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetProperties().Select(p => (Form: t, Property: p)))
            .Where(x => x.Property.PropertyType == typeof(string) && x.Property.GetCustomAttribute<StringLengthAttribute>() is not null)
            .Where(x => !shaped.Contains(x.Property.Name) && x.Property.GetCustomAttribute<PlainTextAttribute>() is null
                && x.Property.GetCustomAttribute<MarkdownTextAttribute>() is null)
            .Select(x => $"{x.Form.Name}.{x.Property.Name}")
            .ToList();

        Assert.True(uncovered.Count == 0, "Free text outside the input policy: " + string.Join(", ", uncovered));
        Assert.True(FreeTextFields().Count() >= 30, $"only {FreeTextFields().Count()} fields found");
    }

    /// <summary>
    /// Puts <paramref name="text"/> in the field: the field itself, or the last entry of a list of texts (a CAPA's 5 Whys)
    /// or of a dictionary of them (its fishbone notes), so one bad entry among good ones is what gets checked.
    /// </summary>
    private static object? PutText(object instance, PropertyInfo property, string text)
    {
        switch (property.GetValue(instance))
        {
            case string?[] list:
                Array.Fill(list, "A fine line.");
                list[^1] = text;
                return list;
            case System.Collections.IDictionary map:
                var keys = map.Keys.Cast<object>().ToList();
                keys.ForEach(k => map[k] = "A fine note.");
                map[keys[^1]] = text;
                return map;
            default:
                property.SetValue(instance, text);
                return text;
        }
    }

    private static IEnumerable<(Type Form, PropertyInfo Property)> FreeTextFields() =>
        typeof(PlainTextAttribute).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .SelectMany(t => t.GetProperties().Where(p => p.CanWrite && p.GetCustomAttribute<PlainTextAttribute>() is not null).Select(p => (t, p)));

    private static async Task AssertProblemAsync(HttpResponseMessage response, string field, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(message, problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    private async Task<Guid> IdOfAsync(string reference)
    {
        await using var db = _app.Database.CreateContext();
        return await db.Complaints.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync(Ct);
    }

    private async Task<int> TimelineAsync(Guid id)
    {
        await using var db = _app.Database.CreateContext();
        return await db.ComplaintHistory.CountAsync(h => EF.Property<Guid>(h, "ComplaintId") == id, Ct);
    }
}
