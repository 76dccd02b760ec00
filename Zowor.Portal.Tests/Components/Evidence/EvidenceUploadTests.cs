using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Components.Evidence;

/// <summary>The case page's file upload (P-30): what a handler sees when a file is accepted or refused.</summary>
public sealed class EvidenceUploadTests : PortalComponentTestBase
{
    public EvidenceUploadTests() => RenderProviders();

    [Fact]
    public async Task P30_an_accepted_file_is_listed_on_the_case_with_who_added_it()
    {
        SignInAsCsm();
        var complaint = await SaveAsync(ComplaintBuilder.AtStatus(ComplaintStatus.Investigating));
        var cut = RenderCase(complaint.Id);

        cut.Find("[data-testid=attach-file]").Click();
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("Courier note: box crushed.", "courier-note.txt"));
        cut.WaitForElement("[data-testid=file-description]").Change("Courier's note about the damage");
        cut.Find("[data-testid=upload-file]").Click();

        cut.WaitForAssertion(() =>
        {
            var link = cut.Find("[data-testid=evidence-file]");
            Assert.Contains("courier-note.txt", link.TextContent, StringComparison.Ordinal);
            Assert.Equal($"complaints/{complaint.Id}/evidence/{StoredEvidenceId(complaint.Id)}/file", link.GetAttribute("href"));
        });
        Assert.Contains("Courier's note about the damage", cut.Find("[data-testid=investigation]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=upload-error]"));
    }

    [Fact]
    public async Task A_refused_file_shows_why_keeps_the_description_and_stores_nothing()
    {
        SignInAsCsm();
        var complaint = await SaveAsync(ComplaintBuilder.AtStatus(ComplaintStatus.Investigating));
        var cut = RenderCase(complaint.Id);

        cut.Find("[data-testid=attach-file]").Click();
        cut.WaitForElement("[data-testid=file-description]").Change("Screenshot of the order page");
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([0x4D, 0x5A, 0x90, 0x00], "order-page.exe"));
        cut.Find("[data-testid=upload-file]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Files of this type cannot be attached.", cut.Find("[data-testid=upload-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal("Screenshot of the order page", cut.Find("[data-testid=file-description]").GetAttribute("value"));
        var (stored, _) = await Database.LoadComplaintAsync(complaint.Id, Cancellation);
        Assert.DoesNotContain(stored.Evidence, e => e.File is not null);
    }

    [Fact]
    public async Task The_upload_is_offered_only_while_evidence_can_be_added()
    {
        SignInAsCsm();
        var complaint = await SaveAsync(ComplaintBuilder.AtStatus(ComplaintStatus.Acknowledged));

        var cut = RenderCase(complaint.Id);

        Assert.Empty(cut.FindAll("[data-testid=evidence-upload]"));
    }

    private int StoredEvidenceId(Guid id)
    {
        var (stored, _) = Database.LoadComplaintAsync(id, Cancellation).GetAwaiter().GetResult();
        return stored.Evidence.Single(e => e.File is not null).Id;
    }

    private IRenderedComponent<ComplaintDetailPage> RenderCase(Guid id)
    {
        var cut = Render<ComplaintDetailPage>(p => p.Add(x => x.Id, id));
        cut.WaitForElement("[data-testid=case-reference]");
        return cut;
    }
}
