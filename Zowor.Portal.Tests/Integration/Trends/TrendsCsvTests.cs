using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Identity;
using Zowor.Portal.Features.Trends;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Integration.Trends;

/// <summary>
/// P-60, P-90: Quality downloads the filtered complaints and each figure as CSV. The complaint export is streamed (chunked,
/// written in pieces as rows are read), has a header row, escapes commas and quotes (RFC 4180), defuses spreadsheet
/// formulas, and follows the filter.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class TrendsCsvTests : IAsyncLifetime
{
    private const string Category = "csv-test";
    private readonly PortalAppFactory _app = new();
    private Uri _address = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _address = await _app.StartKestrelAsync(Ct);
        var now = DateTime.UtcNow.AddHours(-2);
        await using var db = _app.Database.CreateContext();
        db.Complaints.AddRange(
            New(900001, now, ComplaintChannel.Phone, "Jug, \"Glass\" 1 l"),
            New(900002, now.AddMinutes(5), ComplaintChannel.Email, "=HYPERLINK(\"http://evil\")"),
            New(900003, now.AddMinutes(10), ComplaintChannel.Email, "Plain product"));
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ComplaintsCsv_AsQuality_IsStreamedWithHeaderEscapingAndTheFilter()
    {
        using var quality = await PortalClient.SignedInAsync(_app, SeededPortalFixture.DemoEmailFor(PortalRoles.Quality), cancellationToken: Ct);
        var today = DateTime.UtcNow.AddHours(5);
        var query = $"from={today.AddDays(-3):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}&category={Category}";

        using var response = await quality.Http.GetAsync($"trends/complaints/csv?{query}", HttpCompletionOption.ResponseHeadersRead, Ct);
        // Streamed: the headers arrive with no length known up front, and the rows follow in chunks as they are read.
        var lengthKnown = response.Content.Headers.NonValidated.Contains("Content-Length");
        var body = await response.Content.ReadAsStringAsync(Ct);
        using var phoneOnly = await quality.Http.GetAsync($"trends/complaints/csv?{query}&channel=Phone", Ct);
        var phoneBody = await phoneOnly.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.False(lengthKnown);
        Assert.True(response.Headers.TransferEncodingChunked);
        var lines = body.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Reference,Received,Channel,Category,Product,", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.Contains(",\"Jug, \"\"Glass\"\" 1 l\",", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("example.com", body, StringComparison.Ordinal);
        var phoneLines = phoneBody.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, phoneLines.Length);
        Assert.StartsWith("ZW-2026-900001,", phoneLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task FigureCsv_AsQuality_HasHeaderAndCounts_UnknownFigureOrBadDateIs400()
    {
        using var quality = await PortalClient.SignedInAsync(_app, SeededPortalFixture.DemoEmailFor(PortalRoles.Quality), cancellationToken: Ct);
        var today = DateTime.UtcNow.AddHours(5);
        var query = $"from={today.AddDays(-3):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}&category={Category}";

        var channels = (await quality.Http.GetStringAsync($"trends/figures/channels/csv?{query}", Ct)).TrimStart('\uFEFF');
        using var unknown = await quality.Http.GetAsync($"trends/figures/secrets/csv?{query}", Ct);
        using var badDate = await quality.Http.GetAsync("trends/complaints/csv?from=yesterday", Ct);

        // Issue 20: display names for people, the code for machines in a column of its own.
        Assert.Equal("Channel,Complaints,Code\r\nE-mail,2,Email\r\nPhone,1,Phone\r\n", channels);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
    }

    /// <summary>
    /// Issue 20: a person reads the export in a spreadsheet, in their language: headers and values are display names in
    /// the requester's culture, the time is ISO 8601 business time with its offset, and the codes follow at the end.
    /// </summary>
    [Fact]
    public async Task ComplaintsCsv_InRussian_HasNamesInRussian_IsoTimesWithOffset_AndCodesAtTheEnd()
    {
        using var quality = await PortalClient.SignedInAsync(_app, SeededPortalFixture.DemoEmailFor(PortalRoles.Quality), cancellationToken: Ct);
        quality.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var today = DateTime.UtcNow.AddHours(5);
        var query = $"from={today.AddDays(-3):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}&category={Category}&channel=Email";

        var lines = (await quality.Http.GetStringAsync($"trends/complaints/csv?{query}", Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var channels = (await quality.Http.GetStringAsync($"trends/figures/channels/csv?{query}", Ct)).TrimStart('\uFEFF');

        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        Assert.Equal(["Номер", "Получена", "Канал"], header[..3]);
        Assert.Equal(["ChannelCode", "CategoryCode", "SeverityCode", "StatusCode", "RootCauseCode", "ResolutionCode"], header[^6..]);
        Assert.Equal(header.Length, row.Length);
        Assert.Equal("Электронная почта", row[Array.IndexOf(header, "Канал")]);
        Assert.Equal("Email", row[Array.IndexOf(header, "ChannelCode")]);
        Assert.Equal("Received", row[Array.IndexOf(header, "StatusCode")]);
        Assert.NotEqual("Received", row[Array.IndexOf(header, "Статус")]);
        // Business time (Asia/Almaty in the demo settings) with its offset, never a bare local time.
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:00$", row[1]);
        Assert.StartsWith("Канал,Жалобы,Code\r\nЭлектронная почта,2,Email", channels, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComplaintsCsv_AsAgent_IsRefused()
    {
        using var agent = await PortalClient.SignedInAsync(_app, SeededPortalFixture.DemoEmailFor(PortalRoles.Agent), cancellationToken: Ct);

        using var response = await agent.Http.GetAsync("trends/complaints/csv", Ct);

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"HTTP {(int)response.StatusCode}");
        Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WriteComplaints_WithManyRows_WritesInPiecesWhileReading()
    {
        // Not built in memory: with 450 rows the writer hands text to the stream at 200 and 400 rows, before the end.
        await using (var db = _app.Database.CreateContext())
        {
            var at = DateTime.UtcNow.AddDays(-1);
            db.Complaints.AddRange(Enumerable.Range(0, 450).Select(i => New(910000 + i, at.AddSeconds(i), ComplaintChannel.Phone, "Bulk", "csv-bulk")));
            await db.SaveChangesAsync(Ct);
        }

        await using var scope = _app.Services.CreateAsyncScope();
        var export = scope.ServiceProvider.GetRequiredService<TrendExport>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5));
        var stream = new WriteCountingStream();

        await export.WriteComplaintsAsync(new TrendFilter(today.AddDays(-3), today.AddDays(1), "csv-bulk"), stream, Ct);

        Assert.True(stream.Writes >= 3, $"{stream.Writes} writes");
        Assert.Equal(451, stream.Text().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static Complaint New(int sequence, DateTime receivedAt, ComplaintChannel channel, string product, string category = Category)
    {
        var details = ComplaintDetails.Create("Broken", "It arrived broken.", category, ComplaintSeverity.Normal, PreferredResolution.Refund, null, product);
        var customer = CustomerContact.Create("Csv Customer", $"csv{sequence}@example.com", null, ContactMethod.Email);
        return Complaint.Register(ComplaintReference.Create(2026, sequence), channel, customer, details, receivedAt, new Actor("user-agent-1", "Agent"), receivedAt,
            receivedLocal: receivedAt.AddHours(5));
    }

    private sealed class WriteCountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Writes++;
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }

        public string Text() => System.Text.Encoding.UTF8.GetString(ToArray()).TrimStart('\uFEFF');
    }
}
