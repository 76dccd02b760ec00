using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Evidence;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Features.Evidence;

/// <summary>
/// Evidence files on the case (P-30): limited in size and type, stored in the data folder under generated names,
/// downloadable only by the staff who investigate and review complaints.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class EvidenceFileTests : IAsyncLifetime
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
    private readonly PortalAppFactory _app = new(new PortalAppOptions
    {
        Settings = new Dictionary<string, string?> { ["Storage:MaxEvidenceBytes"] = "4096" },
    });

    private Guid _id;

    public async ValueTask InitializeAsync()
    {
        _app.StartServer();
        await using var db = _app.Database.CreateContext();
        _id = await db.Complaints.Where(c => c.Status == ComplaintStatus.Investigating).Select(c => c.Id).FirstAsync(TestContext.Current.CancellationToken);
    }

    private string EvidenceFolder => Path.Combine(_app.Database.FilesFolder, "evidence", _id.ToString("N"));

    [Fact]
    public async Task P30_AFile_IsStoredUnderAGeneratedNameInTheDataFolder_AndListedWithWhoAndWhen()
    {
        await UploadAsync("csm@zowor.test", "Receipt.pdf", Pdf);

        var (complaint, _) = await _app.Database.LoadComplaintAsync(_id, TestContext.Current.CancellationToken);
        var item = complaint.Evidence.Single(e => e.File is not null);
        Assert.Equal(("Receipt.pdf", "application/pdf", (long)Pdf.Length, "Sanzhar Serikov (CSM)"), (item.File!.FileName, item.File.ContentType, item.File.Size, item.AddedByName));
        var stored = Assert.Single(Directory.GetFiles(EvidenceFolder));
        Assert.Equal(item.File.StoredName, Path.GetFileName(stored));
        Assert.Matches("^[0-9a-f]{32}$", item.File.StoredName);
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(stored, TestContext.Current.CancellationToken));
        Assert.DoesNotContain("wwwroot", Path.GetFullPath(stored), StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)), item.File.Sha256);
    }

    [Theory]
    [InlineData("big.pdf", 5000, "The file is larger than")]
    [InlineData("empty.pdf", 0, "The file is empty.")]
    [InlineData("tool.exe", 100, "Files of this type cannot be attached.")]
    [InlineData("page.html", 100, "Files of this type cannot be attached.")]
    [InlineData("drawing.svg", 100, "Files of this type cannot be attached.")]
    [InlineData("no-extension", 100, "Files of this type cannot be attached.")]
    public async Task OverLimitAndDisallowedFiles_AreRefused_AndNothingIsStored(string name, int size, string message)
    {
        var content = size == 0 ? [] : Pdf.Concat(new byte[Math.Max(0, size - Pdf.Length)]).ToArray();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => UploadAsync("csm@zowor.test", name, content));

        Assert.StartsWith(message, refusal.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("invoice.pdf", new byte[] { 0x4D, 0x5A, 0x90, 0x00 })]          // a Windows executable named .pdf
    [InlineData("photo.png", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D })]      // a PDF named .png
    [InlineData("notes.txt", new byte[] { 0x68, 0x69, 0x00, 0x00, 0x01 })]      // binary content named .txt
    public async Task AFile_WhoseContentDoesNotMatchItsType_IsRefused(string name, byte[] content)
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => UploadAsync("csm@zowor.test", name, content));

        Assert.StartsWith("The file's content does not match its type", refusal.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("../../../../etc/passwd.txt", "passwd.txt")]
    [InlineData("..\\..\\appsettings.json.txt", "appsettings.json.txt")]
    [InlineData("C:\\Windows\\System32\\evil.pdf", "evil.pdf")]
    [InlineData("/wwwroot/index.html.pdf", "index.html.pdf")]
    [InlineData("re\u0000port\u202E.pdf", "report\u202E.pdf")]
    public async Task PathTraversalNames_AreHarmless(string name, string shown)
    {
        var content = name.EndsWith(".txt", StringComparison.Ordinal) ? Encoding.UTF8.GetBytes("root:x:0:0") : Pdf;
        var before = AllFiles();

        await UploadAsync("csm@zowor.test", name, content);

        var (complaint, _) = await _app.Database.LoadComplaintAsync(_id, TestContext.Current.CancellationToken);
        Assert.Equal(shown, complaint.Evidence.Single(e => e.File is not null).File!.FileName);
        // Exactly one new file anywhere in the data folder (the demo data has its own), inside the complaint's folder,
        // under a generated name.
        var stored = Assert.Single(AllFiles().Except(before));
        Assert.Equal(EvidenceFolder, Path.GetDirectoryName(stored));
        Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(stored));
    }

    [Theory]
    [InlineData(PortalRoles.Quality)]
    [InlineData(PortalRoles.Admin)]
    public async Task RolesThatDoNotHandleComplaints_CannotUpload(string role)
    {
        var email = SeededPortalFixture.DemoEmailFor(role);

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => UploadAsync(email, "receipt.pdf", Pdf));

        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Redirect)]
    [InlineData(PortalRoles.Admin, HttpStatusCode.Redirect)]
    [InlineData(PortalRoles.Agent, HttpStatusCode.OK)]
    [InlineData(PortalRoles.Csm, HttpStatusCode.OK)]
    [InlineData(PortalRoles.Cco, HttpStatusCode.OK)]
    [InlineData(PortalRoles.Ceo, HttpStatusCode.OK)]
    [InlineData(PortalRoles.Quality, HttpStatusCode.OK)]
    public async Task OnlyEvidenceReaders_CanDownload_AndTheFileComesAsAnAttachment(string? role, HttpStatusCode expected)
    {
        await UploadAsync("csm@zowor.test", "Receipt.pdf", Pdf);
        var (complaint, _) = await _app.Database.LoadComplaintAsync(_id, TestContext.Current.CancellationToken);
        var evidenceId = complaint.Evidence.Single(e => e.File is not null).Id;
        using var client = role is null ? PortalClient.Create(_app) : await PortalClient.SignedInAsync(_app, SeededPortalFixture.DemoEmailFor(role), cancellationToken: TestContext.Current.CancellationToken);

        using var response = await client.Http.GetAsync($"complaints/{_id}/evidence/{evidenceId}/file", TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            // Anonymous: to the sign-in page; signed in without the right: to the access-denied page. Never the file.
            Assert.Contains(role is null ? "account/login" : "access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.NotEqual(Pdf, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        }

        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("Receipt.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            // Opened in a browser anyway, the file runs nothing: its own policy, not the pages' one.
            Assert.Equal("default-src 'none'; sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    [Fact]
    public async Task AnUnknownFileOrAnotherComplaintsFile_IsNotFound()
    {
        await UploadAsync("csm@zowor.test", "Receipt.pdf", Pdf);
        var (complaint, _) = await _app.Database.LoadComplaintAsync(_id, TestContext.Current.CancellationToken);
        var evidenceId = complaint.Evidence.Single(e => e.File is not null).Id;
        using var client = await PortalClient.SignedInAsync(_app, "csm@zowor.test", cancellationToken: TestContext.Current.CancellationToken);

        using var unknown = await client.Http.GetAsync($"complaints/{_id}/evidence/999999/file", TestContext.Current.CancellationToken);
        using var otherComplaint = await client.Http.GetAsync($"complaints/{Guid.NewGuid()}/evidence/{evidenceId}/file", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherComplaint.StatusCode);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private string[] AllFiles() => Directory.Exists(_app.Database.FilesFolder)
        ? Directory.GetFiles(_app.Database.FilesFolder, "*", SearchOption.AllDirectories)
        : [];

    private async Task UploadAsync(string email, string name, byte[] content)
    {
        await using var staff = await _app.SignInAsync(email);
        var version = (await staff.Complaints.GetCaseAsync(_id, TestContext.Current.CancellationToken))!.Version;
        await using var stream = new MemoryStream(content);
        await staff.Services.GetRequiredService<EvidenceFileService>()
            .AddAsync(_id, version, EvidenceKind.ProductRecord, "Customer's document", name, stream, TestContext.Current.CancellationToken);
    }

    private async Task AssertNothingStoredAsync()
    {
        var (complaint, _) = await _app.Database.LoadComplaintAsync(_id, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(complaint.Evidence, e => e.File is not null);
        Assert.True(!Directory.Exists(EvidenceFolder) || Directory.GetFiles(EvidenceFolder).Length == 0);
    }
}
