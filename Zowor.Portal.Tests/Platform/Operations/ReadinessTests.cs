using System.Net;
using Zowor.Portal.Features.Mail;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Platform.Operations;

/// <summary>
/// <c>/health/ready</c> tells a load balancer and an operator what a node cannot do (issue 18): Degraded while customer
/// e-mails fail (P-21: the customer must hear of each step), Unhealthy when the shared storage folder takes no files
/// (evidence and e-mail copies would be lost). The unreachable complaints mailbox is MailboxTests' case.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class ReadinessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task P21_FailingCustomerEmails_MakeReadinessDegraded_UntilTheyAreSent()
    {
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false });
        using var http = app.CreateClient();
        Assert.Equal("Healthy", await http.GetStringAsync("health/ready", Ct));

        var failing = new OutboxMessage
        {
            Kind = CustomerMessageKinds.Received, ToAddress = "olga@example.com", ToName = "Olga", Subject = "Your complaint",
            Body = "Received.", Culture = "en", CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow.AddMinutes(5),
            Attempts = 2, LastError = "SmtpCommandException: 451 try again later",
        };
        await using (var db = app.Database.CreateContext())
        {
            db.OutboxMessages.Add(failing);
            await db.SaveChangesAsync(Ct);
        }

        using var degraded = await http.GetAsync("health/ready", Ct);
        Assert.Equal(HttpStatusCode.OK, degraded.StatusCode);
        Assert.Equal("Degraded", await degraded.Content.ReadAsStringAsync(Ct));

        await using (var db = app.Database.CreateContext())
        {
            db.OutboxMessages.Attach(failing);
            failing.SentAt = DateTime.UtcNow;
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal("Healthy", await http.GetStringAsync("health/ready", Ct));
    }

    [Fact]
    public async Task SharedStorageFolderNotWritable_MakesReadinessUnhealthy()
    {
        // A path below a plain file can never be created, whoever runs the test (root ignores permissions).
        var blocker = Path.Combine(TestDatabase.Folder, $"not-a-folder-{Guid.NewGuid():N}");
        Directory.CreateDirectory(TestDatabase.Folder);
        await File.WriteAllTextAsync(blocker, "a file, not a folder", Ct);
        try
        {
            await using var app = new PortalAppFactory(new PortalAppOptions
            {
                SeedDemoData = false,
                Settings = new Dictionary<string, string?> { ["Storage:DataPath"] = Path.Combine(blocker, "data") },
            });
            using var http = app.CreateClient();

            using var response = await http.GetAsync("health/ready", Ct);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync(Ct));
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}
