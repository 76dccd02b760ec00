using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Complaints;

/// <summary>Staff registration of a phone or e-mail complaint (P-10, P-11): what the form refuses, and what it stores.</summary>
public sealed class RegisterComplaintPageTests : PortalComponentTestBase
{
    private const string NameRequired = "Enter the customer's name.";
    private const string SubjectRequired = "Enter a subject.";
    private const string DescriptionRequired = "Describe the problem.";
    private const string CategoryRequired = "Choose a category.";
    private const string ContactRequired = "Give the customer's e-mail address or phone number (at least one).";
    private const string EmailInvalid = "The e-mail address is not valid.";
    private const string PhoneInvalid = "The phone number is not valid: use 7 to 15 digits, optionally starting with +.";
    private const string PrefersEmailWithoutEmail = "The customer prefers e-mail, but no e-mail address is given.";

    public RegisterComplaintPageTests()
    {
        // Agents register phone and e-mail complaints (RegisterComplaints policy).
        SignInAsAgent();
        RenderProviders();
    }

    [Fact]
    public async Task Submit_EmptyForm_ShowsRequiredMessagesAndStoresNothing()
    {
        var cut = RenderPage();

        Submit(cut);

        // P-11: name, subject, description, category, and at least one way to reach the customer.
        cut.WaitForAssertion(() =>
        {
            var messages = ValidationMessages(cut);
            Assert.Contains(NameRequired, messages);
            Assert.Contains(SubjectRequired, messages);
            Assert.Contains(DescriptionRequired, messages);
            Assert.Contains(CategoryRequired, messages);
            Assert.Contains(ContactRequired, messages);
        });
        Assert.Equal(NameRequired, ValidationMessageOf(cut, "#customer-name"));
        Assert.Equal(SubjectRequired, ValidationMessageOf(cut, "#subject"));
        Assert.Equal(DescriptionRequired, ValidationMessageOf(cut, "#description"));
        Assert.Equal(CategoryRequired, ValidationMessageOf(cut, "#category"));
        Assert.Equal(ContactRequired, ValidationMessageOf(cut, "#customer-email"));
        Assert.Equal(ContactRequired, ValidationMessageOf(cut, "#customer-phone"));
        Assert.Equal(0, await Database.CountComplaintsAsync(Cancellation));
        Assert.Equal("http://localhost/", Navigation.Uri);
    }

    [Fact]
    public async Task Submit_InvalidEmail_ShowsEmailMessageAndStoresNothing()
    {
        var cut = RenderPage();
        FillRequiredFields(cut);
        cut.Find("#customer-email").Change("olga@");

        Submit(cut);

        cut.WaitForAssertion(() => Assert.Equal(EmailInvalid, ValidationMessageOf(cut, "#customer-email")));
        Assert.DoesNotContain(ContactRequired, ValidationMessages(cut));
        Assert.Equal(0, await Database.CountComplaintsAsync(Cancellation));
    }

    [Fact]
    public async Task Submit_InvalidPhone_ShowsPhoneMessageAndStoresNothing()
    {
        var cut = RenderPage();
        FillRequiredFields(cut);
        cut.Find("#customer-phone").Change("12");

        Submit(cut);

        cut.WaitForAssertion(() => Assert.Equal(PhoneInvalid, ValidationMessageOf(cut, "#customer-phone")));
        Assert.DoesNotContain(ContactRequired, ValidationMessages(cut));
        Assert.Equal(0, await Database.CountComplaintsAsync(Cancellation));
    }

    [Fact]
    public async Task Submit_PreferredEmailWithoutEmail_ShowsPreferenceMessageAndStoresNothing()
    {
        var cut = RenderPage();
        FillRequiredFields(cut);
        cut.Find("#customer-phone").Change("+7 777 123 45 67");
        Choose(cut, "Preferred contact", "E-mail");

        Submit(cut);

        cut.WaitForAssertion(() => Assert.Contains(PrefersEmailWithoutEmail, ValidationMessages(cut)));
        Assert.Equal(0, await Database.CountComplaintsAsync(Cancellation));
    }

    [Fact]
    public async Task Submit_ValidPhoneOnlyComplaint_StoresItAndOpensTheCase()
    {
        var cut = RenderPage();
        FillRequiredFields(cut);
        cut.Find("#customer-phone").Change("+7 777 123 45 67");

        Submit(cut);

        await cut.WaitForAssertionAsync(async () =>
            Assert.Equal(1, await Database.CountComplaintsAsync(Cancellation)));
        await using var db = Database.CreateContext();
        var stored = await db.Complaints.AsNoTracking().SingleAsync(Cancellation);
        // P-21: the first complaint received in 2026 gets the year's first number.
        Assert.Equal("ZW-2026-000001", stored.Reference);
        Assert.Equal(ComplaintStatus.Received, stored.Status);
        Assert.Equal(ComplaintChannel.Phone, stored.Channel);
        Assert.Equal("Olga Petrova", stored.Customer.Name);
        Assert.Equal("+77771234567", stored.Customer.Phone);
        Assert.Null(stored.Customer.Email);
        Assert.Equal("delivery", stored.CategoryCode);
        Assert.Equal(AgentId, stored.RegisteredById);
        // Received "now" as the form pre-fills it, to the minute (11:00 in Almaty = 06:00 UTC).
        Assert.Equal(StartTime.UtcDateTime, stored.ReceivedAt);
        cut.WaitForAssertion(() => Assert.Equal($"http://localhost/complaints/{stored.Id}", Navigation.Uri));
        Assert.Contains(SnackbarMessages(), m => m.Contains("Complaint ZW-2026-000001 registered.", StringComparison.Ordinal));
    }

    [Fact]
    public void ChangePhone_AfterEmptySubmit_ClearsTheCrossFieldContactMessages()
    {
        var cut = RenderPage();
        Submit(cut);
        cut.WaitForAssertion(() => Assert.Equal(ContactRequired, ValidationMessageOf(cut, "#customer-email")));

        cut.Find("#customer-phone").Change("+7 777 123 45 67");

        // P-11 is met by the phone alone: neither the e-mail field nor the preferred contact should still complain.
        cut.WaitForAssertion(() =>
        {
            Assert.Null(ValidationMessageOf(cut, "#customer-email"));
            Assert.DoesNotContain(ContactRequired, ValidationMessages(cut));
            Assert.DoesNotContain("The customer prefers phone, but no phone number is given.", ValidationMessages(cut));
        });
    }

    [Fact]
    public void Category_InactiveCategory_IsNotOffered()
    {
        var cut = RenderPage();

        var options = OptionsOf(cut, "Category");

        Assert.Equal(["Product defect", "Delivery"], options);
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<RegisterComplaintPage> RenderPage() => Render<RegisterComplaintPage>();

    /// <summary>Everything except the contact details, which each test varies.</summary>
    private void FillRequiredFields(IRenderedComponent<RegisterComplaintPage> cut)
    {
        cut.Find("#customer-name").Change("Olga Petrova");
        cut.Find("#subject").Change("Parcel not delivered");
        cut.Find("#description").Change("Tracking says delivered on Monday, but nothing arrived.");
        Choose(cut, "Category", "Delivery");
    }

    private static void Submit(IRenderedComponent<RegisterComplaintPage> cut) =>
        cut.Find("[data-testid=register-submit]").Click();
}
