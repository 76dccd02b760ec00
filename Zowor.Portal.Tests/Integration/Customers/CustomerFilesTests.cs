using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Features.Privacy;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Customers;

/// <summary>
/// Files from customers (issue 15, P-30, P-41): photos and PDF on the public form and the status page, with the staff
/// uploads' limits and content checks; one refused file stores nothing, names the file, and keeps the typed text.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class CustomerFilesTests : IAsyncLifetime
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01];
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"u8.ToArray();
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];

    private readonly PortalAppFactory _app = new(new PortalAppOptions { SeedDemoData = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string EvidenceFolder => Path.Combine(_app.Database.FilesFolder, "evidence");

    public ValueTask InitializeAsync()
    {
        _app.StartServer();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task P30_APhotoAndAPDFSentWithTheWebForm_AreStoredAsEvidenceFromTheCustomer()
    {
        using var site = new PublicSite(_app);

        using var response = await site.SubmitComplaintWithFilesAsync(PublicSite.ValidComplaint(), [("cracked jug.jpg", Jpeg), ("receipt.pdf", Pdf)], Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var reference = Uri.UnescapeDataString(response.Headers.Location!.OriginalString.Split('/').Last());
        await using var db = _app.Database.CreateContext();
        var complaint = await db.Complaints.AsNoTracking().Include(c => c.Evidence).SingleAsync(c => c.Reference == reference, Ct);
        Assert.Equal(["cracked jug.jpg", "receipt.pdf"], complaint.Evidence.Select(e => e.File!.FileName).Order());
        Assert.All(complaint.Evidence, e => Assert.True(e.FromCustomer));
        Assert.Equal(["application/pdf", "image/jpeg"], complaint.Evidence.Select(e => e.File!.ContentType).Order());
        // The bytes are in the complaint's own folder under the generated names; nothing is left in the staging area.
        foreach (var item in complaint.Evidence)
        {
            var stored = Path.Combine(EvidenceFolder, complaint.Id.ToString("N"), item.File!.StoredName);
            Assert.Equal(item.File.FileName.EndsWith(".pdf", StringComparison.Ordinal) ? Pdf : Jpeg, await File.ReadAllBytesAsync(stored, Ct));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(EvidenceFolder, "incoming")));
    }

    [Theory]
    [InlineData("holiday photo.jpg", "exe", "The file's content does not match its type (.jpg).")]
    [InlineData("invoice.docx", "pdf", "Only photos (JPEG, PNG, GIF) and PDF files can be sent.")]
    [InlineData("huge.jpg", "oversize", "The file is larger than 10 MB.")]
    [InlineData("empty.png", "empty", "The file is empty.")]
    public async Task ARefusedFileOnTheWebForm_IsNamedWithTheReason_NothingIsStoredAndTheTextStays(string name, string content, string reason)
    {
        using var site = new PublicSite(_app);
        var bytes = content switch
        {
            "exe" => Exe,
            "pdf" => Pdf,
            "oversize" => [.. Jpeg, .. new byte[10 * 1024 * 1024]],
            _ => [],
        };
        var values = PublicSite.ValidComplaint();
        values["Form.Description"] = "The jug cracked; a photo of it is attached.\nPlease replace it.";

        using var response = await site.SubmitComplaintWithFilesAsync(values, [("good photo.jpg", Jpeg), (name, bytes)], Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = PortalClient.ParseHtml(await response.Content.ReadAsStringAsync(Ct));
        Assert.StartsWith("Some of your files could not be accepted, so nothing was sent yet.", page.QuerySelector("[data-testid=form-error]")!.TextContent.Trim(), StringComparison.Ordinal);
        var refusal = Assert.Single(page.QuerySelectorAll("[data-testid=file-refusal]"));
        Assert.Equal($"{name}: {reason}", refusal.TextContent.Trim());
        // What the customer typed is still in the form.
        Assert.Equal(values["Form.Description"], page.QuerySelector("#description")!.TextContent.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("Aigerim Bekova", page.QuerySelector("#name")!.GetAttribute("value"));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task MoreFilesThanAllowed_AreRefusedWithAMessage_AndNothingIsStored()
    {
        using var site = new PublicSite(_app);

        using var response = await site.SubmitComplaintWithFilesAsync(PublicSite.ValidComplaint(), Enumerable.Range(1, 6).Select(i => ($"photo{i}.jpg", Jpeg)), Ct);

        var page = PortalClient.ParseHtml(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("You can send at most 5 files at a time.", page.QuerySelector("[data-testid=form-error]")!.TextContent.Trim());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task ABodyOverTheUploadLimit_IsRefusedWith413_BeforeAnythingIsRead()
    {
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false, Settings = new Dictionary<string, string?> { ["PublicForms:MaxUploadBodyBytes"] = "200000" } });
        app.StartServer();
        using var site = new PublicSite(app);

        using var response = await site.SubmitComplaintWithFilesAsync(PublicSite.ValidComplaint(), [("big.jpg", [.. Jpeg, .. new byte[300_000]])], Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Your files are too large together.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Complaints.AnyAsync(Ct));
    }

    [Fact]
    public async Task OnKestrel_FourFilesOfNineMB_PassIts30MBDefaultBodyLimitAndAreStored()
    {
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false });
        await app.StartKestrelAsync(Ct);
        using var site = new PublicSite(app);
        var photo = (byte[])[.. Jpeg, .. new byte[9 * 1024 * 1024]];

        using var response = await site.SubmitComplaintWithFilesAsync(PublicSite.ValidComplaint(), Enumerable.Range(1, 4).Select(i => ($"photo{i}.jpg", photo)), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        var complaint = await db.Complaints.AsNoTracking().Include(c => c.Evidence).SingleAsync(Ct);
        Assert.Equal(4, complaint.Evidence.Count(e => e.FromCustomer && e.File!.Size == photo.Length));
    }

    [Fact]
    public async Task P41_FilesAddedOnTheStatusPage_AreStoredFromTheCustomer_AndListedForThem()
    {
        using var site = new PublicSite(_app);
        var reference = await site.SubmitValidComplaintAsync(cancellationToken: Ct);
        var (_, lookup) = await site.LookUpAsync(reference, "aigerim@example.com", Ct);

        var (response, page) = await site.AddInformationWithFilesAsync(lookup, "Here is the photo of the box.", [("box.jpg", Jpeg)], Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("[data-testid=form-success]"));
        Assert.Contains("Files you sent: box.jpg", page.QuerySelector("[data-testid=customer-updates]")!.TextContent, StringComparison.Ordinal);
        var (complaint, _) = await _app.Database.LoadComplaintAsync(await IdOfAsync(reference), Ct);
        var evidence = Assert.Single(complaint.Evidence);
        Assert.True(evidence.FromCustomer);
        Assert.Equal("box.jpg", evidence.File!.FileName);
        Assert.True(File.Exists(Path.Combine(EvidenceFolder, complaint.Id.ToString("N"), evidence.File.StoredName)));
        Assert.Contains(complaint.Communications, c => c.Summary == "Here is the photo of the box.");
    }

    [Fact]
    public async Task ADisguisedFileOnTheStatusPage_IsRefusedByName_NothingIsStoredAndTheMessageStays()
    {
        using var site = new PublicSite(_app);
        var reference = await site.SubmitValidComplaintAsync(cancellationToken: Ct);
        var (_, lookup) = await site.LookUpAsync(reference, "aigerim@example.com", Ct);

        var (_, page) = await site.AddInformationWithFilesAsync(lookup, "Photos of the damage attached.", [("damage.jpg", Jpeg), ("damage2.jpg", Exe)], Ct);

        Assert.Equal("damage2.jpg: The file's content does not match its type (.jpg).", Assert.Single(page.QuerySelectorAll("[data-testid=file-refusal]")).TextContent.Trim());
        Assert.Equal("Photos of the damage attached.", page.QuerySelector("#info-text")!.TextContent);
        var (complaint, _) = await _app.Database.LoadComplaintAsync(await IdOfAsync(reference), Ct);
        Assert.Empty(complaint.Evidence);
        Assert.DoesNotContain(complaint.Communications, c => c.Summary == "Photos of the damage attached.");
        Assert.False(Directory.Exists(Path.Combine(EvidenceFolder, complaint.Id.ToString("N"))) && Directory.EnumerateFiles(Path.Combine(EvidenceFolder, complaint.Id.ToString("N"))).Any());
    }

    [Fact]
    public async Task P51_ErasingTheCustomer_DeletesTheFilesTheySent()
    {
        using var site = new PublicSite(_app);
        using var response = await site.SubmitComplaintWithFilesAsync(PublicSite.ValidComplaint(), [("jug.jpg", Jpeg)], Ct);
        var id = await IdOfAsync(Uri.UnescapeDataString(response.Headers.Location!.OriginalString.Split('/').Last()));
        var folder = Path.Combine(EvidenceFolder, id.ToString("N"));
        Assert.Single(Directory.GetFiles(folder));
        await _app.CreateStaffUserAsync("csm.erase@zowor.test", "Erasing CSM", Zowor.Portal.Platform.Identity.PortalRoles.Csm);
        await using var csm = await _app.SignInAsync("csm.erase@zowor.test");

        await csm.Services.GetRequiredService<PrivacyService>().EraseAsync([id], Ct);

        Assert.False(Directory.Exists(folder));
        var (complaint, _) = await _app.Database.LoadComplaintAsync(id, Ct);
        Assert.Equal(Zowor.Portal.Domain.Complaints.Complaint.Erased, Assert.Single(complaint.Evidence).File!.FileName);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task AssertNothingStoredAsync()
    {
        await using var db = _app.Database.CreateContext();
        Assert.False(await db.Complaints.AnyAsync(Ct));
        Assert.Empty(Directory.Exists(EvidenceFolder) ? Directory.EnumerateFiles(EvidenceFolder, "*", SearchOption.AllDirectories) : []);
    }

    private async Task<Guid> IdOfAsync(string reference)
    {
        await using var db = _app.Database.CreateContext();
        return await db.Complaints.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync(Ct);
    }
}
