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
    public async Task P30_AnAcceptedFile_IsListedOnTheCase_WithWhoAddedIt()
    {
        SignInAsCsm();
        var complaint = await SaveAsync(ComplaintBuilder.AtStatus(ComplaintStatus.Investigating));
        var cut = RenderCase(complaint.Id);

        cut.Find("[data-testid=attach-file]").Click();
        // The form opens on MudButton's asynchronous click; on a loaded machine it can render after Click returns (CI saw no InputFile yet).
        cut.WaitForElement("[data-testid=file-description]").Change("Courier's note about the damage");
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("Courier note: box crushed.", "courier-note.txt"));
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
    public async Task ARefusedFile_ShowsWhy_KeepsTheDescriptionAndStoresNothing()
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
    public async Task TheUpload_IsOfferedOnly_WhileEvidenceCanBeAdded()
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
