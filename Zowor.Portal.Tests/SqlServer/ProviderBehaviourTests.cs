using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Features.Customers;
using Zowor.Portal.Features.Privacy;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.SqlServer;

/// <summary>
/// Issue 22: what the two providers do differently, written down as tests — on the SQL Server model and its T-SQL where
/// SQL Server cannot run, and on SQLite where the behaviour itself can be driven: optimistic concurrency, reference
/// allocation under concurrency, case (collation) and decimal money.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed partial class ProviderBehaviourTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    // ---- Optimistic concurrency (PRODUCT.md: two people never overwrite each other silently) ----

    /// <summary>
    /// Both providers use the same tokens: the complaint's shadow <c>Version</c> (bigint, incremented by
    /// <see cref="PortalDbContext"/> on every save) and the CAPA's <c>Revision</c>. Neither is a SQL Server
    /// <c>rowversion</c>: the value the user saw must be the one checked, and a rowversion cannot be set by the app.
    /// </summary>
    [Fact]
    public void ConcurrencyTokens_AreTheSameOnBothProviders_AndNoneIsARowversion()
    {
        var sqlite = Tokens(DesignModel(new SqlitePortalDbContextFactory().CreateDbContext([])));
        var sqlServer = Tokens(DesignModel(new SqlServerPortalDbContextFactory().CreateDbContext([])));

        Assert.Equal(sqlite.Select(t => t.Name), sqlServer.Select(t => t.Name));
        Assert.Contains("Complaint.Version", sqlServer.Select(t => t.Name));
        Assert.All(sqlServer, t => Assert.True(t is { RowVersion: false, Generated: ValueGenerated.Never }, $"{t.Name} on SQL Server: {t}"));
        Assert.All(sqlite, t => Assert.True(t is { RowVersion: false, Generated: ValueGenerated.Never }, $"{t.Name} on SQLite: {t}"));
        Assert.Equal("bigint", sqlServer.Single(t => t.Name == "Complaint.Version").ColumnType);
    }

    /// <summary>
    /// The UPDATE EF Core sends to SQL Server for a changed complaint sets the new version and is conditional on the
    /// version that was read (<c>WHERE [Id] = … AND [Version] = …</c>), reading back <c>OUTPUT 1</c>: no row means someone
    /// saved in between, and the change fails instead of overwriting theirs.
    /// </summary>
    [Fact]
    public async Task ComplaintChange_OnSqlServer_UpdatesOnlyTheVersionThatWasRead()
    {
        var capture = new SqlServerCapture();
        var complaint = ComplaintBuilder.AtStatus(ComplaintStatus.Received);
        await using (var db = capture.CreateContext())
        {
            db.Attach(complaint);
            db.Entry(complaint).Property<long>(PortalDbContext.VersionProperty).OriginalValue = 3;
            db.Entry(complaint).Property<long>(PortalDbContext.VersionProperty).CurrentValue = 3;
            complaint.Acknowledge(ContactMethod.Email, DateOnly.FromDateTime(ComplaintBuilder.BaseTime).AddDays(7), ComplaintBuilder.DefaultActor, ComplaintBuilder.BaseTime.AddHours(2));

            using (capture.BeginPath("attached complaint acknowledged"))
            {
                await db.SaveChangesAsync(Ct);
            }

            Assert.Equal(4, db.Entry(complaint).Property<long>(PortalDbContext.VersionProperty).CurrentValue);
        }

        var update = Assert.Single(capture.Commands, c => c.Text.Contains("UPDATE [Complaints]", StringComparison.Ordinal));
        Assert.Empty(update.ParseErrors);
        Assert.Matches(VersionCheckedUpdate(), update.Text);
        Assert.All(capture.Commands, c => Assert.Empty(c.ParseErrors));
    }

    // ---- References under concurrency (P-21) ----

    /// <summary>
    /// SQL Server's strategy, driven on SQLite: two registrations both read the same last number (a barrier holds each
    /// save until both have read), so both try the same reference; the unique index refuses the second, which reads again
    /// and takes the next number. Three saves, two complaints, two distinct references in sequence.
    /// </summary>
    [Fact]
    public async Task Register_TwoAtOnceWithSqlServersUniqueIndexRetry_RetriesTheLoserIntoTheNextReference()
    {
        var race = new RegistrationRace();
        await using var app = new PortalAppFactory(new PortalAppOptions
        {
            SeedDemoData = false,
            ConfigureServices = services => services.ConfigureDbContext<SqlitePortalDbContext>(o => o.AddInterceptors(race)),
        });
        app.StartServer();
        await app.CreateStaffUserAsync("race.one@zowor.test", "Race One", PortalRoles.Csm);
        await app.CreateStaffUserAsync("race.two@zowor.test", "Race Two", PortalRoles.Csm);
        app.Services.GetRequiredService<ComplaintUpdater>().Allocation = ReferenceAllocation.UniqueIndexRetry;
        await using var one = await app.SignInAsync("race.one@zowor.test");
        await using var two = await app.SignInAsync("race.two@zowor.test");

        var registered = await Task.WhenAll(
            Task.Run(() => one.Complaints.RegisterAsync(PhoneComplaint("Aigerim Sadykova"), Ct), Ct),
            Task.Run(() => two.Complaints.RegisterAsync(PhoneComplaint("Daniyar Nurlanov"), Ct), Ct));

        Assert.Equal(3, race.Saves);
        await using var db = app.Database.CreateContext();
        var stored = await db.Complaints.OrderBy(c => c.ReferenceSequence).Select(c => new { c.Reference, c.ReferenceSequence, c.Customer.Name }).ToListAsync(Ct);
        Assert.Equal([1, 2], stored.Select(c => c.ReferenceSequence));
        Assert.Equal(registered.Select(r => r.Reference).Order(), stored.Select(c => c.Reference));
        Assert.Equal(["Aigerim Sadykova", "Daniyar Nurlanov"], stored.Select(c => c.Name).Order());
    }

    [Fact]
    public void ReferenceUniqueness_IsAnIndexOnBothProviders()
    {
        foreach (var model in new[] { DesignModel(new SqlitePortalDbContextFactory().CreateDbContext([])), DesignModel(new SqlServerPortalDbContextFactory().CreateDbContext([])) })
        {
            var complaint = model.FindEntityType(typeof(Complaint))!;
            Assert.Contains(complaint.GetIndexes(), i => i.IsUnique && i.Properties.Select(p => p.Name).SequenceEqual(["ReferenceYear", "ReferenceSequence"]));
            Assert.Contains(complaint.GetIndexes(), i => i.IsUnique && i.Properties.Select(p => p.Name).SequenceEqual(["Reference"]));
        }
    }

    // ---- Case and collation ----

    /// <summary>
    /// No column or database collation is set in the model or the migrations, so SQL Server uses the database's default
    /// collation: the README's checklist requires a case-insensitive one (the server default SQL_Latin1_General_CP1_CI_AS).
    /// </summary>
    [Fact]
    public void SqlServerModel_SetsNoCollation_TheDatabaseDefaultDecides()
    {
        var model = DesignModel(new SqlServerPortalDbContextFactory().CreateDbContext([]));

        Assert.Null(model.GetCollation());
        var collated = model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.GetCollation() is not null).Select(p => $"{p.DeclaringType.DisplayName()}.{p.Name}");
        Assert.Empty(collated);
    }

    /// <summary>
    /// The exact lookups do not lean on a case-insensitive collation: references are stored and looked up in upper case,
    /// e-mail addresses in lower case (order numbers in upper case). Proven on SQLite, whose comparison is case-sensitive
    /// (BINARY): mixed-case input still finds the complaint, so SQL Server's collation cannot change the answer.
    /// </summary>
    [Fact]
    public async Task StatusLookupAndPrivacySearch_MixedCaseInput_FindTheComplaintOnCaseSensitiveSqlite()
    {
        await using var app = new PortalAppFactory(new PortalAppOptions { SeedDemoData = false });
        app.StartServer();
        await app.CreateStaffUserAsync("privacy.csm@zowor.test", "Privacy CSM", PortalRoles.Csm);
        string reference;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            reference = await scope.ServiceProvider.GetRequiredService<PublicComplaintService>().SubmitAsync(new PublicComplaintForm
            {
                Name = "Anna Smith",
                Email = "Anna.Smith@Example.COM",
                CategoryCode = "delivery",
                Description = "The parcel never arrived although tracking says it did.",
                Consent = true,
            }, "en", Ct);
        }

        await using var lookup = app.Services.CreateAsyncScope();
        var found = await lookup.ServiceProvider.GetRequiredService<PublicComplaintService>()
            .LookUpAsync(new StatusLookupForm { Reference = reference.ToLowerInvariant(), Contact = "ANNA.SMITH@example.com" }, Ct);
        await using var csm = await app.SignInAsync("privacy.csm@zowor.test");
        var customer = await csm.Services.GetRequiredService<PrivacyService>().FindAsync("anna.SMITH@EXAMPLE.com", null, Ct);

        Assert.Equal(reference, found?.Reference);
        Assert.Equal(reference, Assert.Single(customer).Reference);
        Assert.Equal("anna.smith@example.com", await app.Database.QueryScalarAsync("SELECT CustomerEmail FROM Complaints", Ct));
    }

    /// <summary>
    /// The queue's free-text search is a substring match that the provider decides: SQL Server translates it to
    /// <c>LIKE</c> under the database collation (case-insensitive per the checklist: "smith" finds "Smith"), while SQLite
    /// translates it to <c>instr</c>, which is case-sensitive. The T-SQL carries no COLLATE, so the collation is the
    /// database's; this test pins both translations so a change to either is seen.
    /// </summary>
    [Fact]
    public void QueueSearch_IsLikeUnderTheDatabaseCollationOnSqlServer_AndCaseSensitiveInstrOnSqlite()
    {
        var capture = new SqlServerCapture();
        using var sqlServer = capture.CreateContext();
        using var sqlite = new SqlitePortalDbContextFactory().CreateDbContext([]);
        const string term = "smith";

        var tsql = sqlServer.Complaints.Where(c => c.Customer.Name.Contains(term)).ToQueryString();
        var sqliteSql = sqlite.Complaints.Where(c => c.Customer.Name.Contains(term)).ToQueryString();

        Assert.Matches(@"\[c\]\.\[CustomerName\] LIKE", tsql);
        Assert.DoesNotContain("COLLATE", tsql, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(TSql.Parse(tsql).Errors);
        Assert.Contains("instr(\"c\".\"CustomerName\"", sqliteSql, StringComparison.Ordinal);
    }

    // ---- Money ----

    /// <summary>
    /// Every decimal has an explicit precision on SQL Server (no silent decimal(18,2) default, EF Core's
    /// DecimalTypeDefaultWarning), and refunds are summed in SQL as whole cents (a bigint), the same on both providers.
    /// </summary>
    [Fact]
    public void Decimals_HaveExplicitPrecisionOnSqlServer_AndRefundsAreKeptInWholeCents()
    {
        var model = DesignModel(new SqlServerPortalDbContextFactory().CreateDbContext([]));
        var decimals = model.GetEntityTypes().SelectMany(e => e.GetProperties())
            .Where(p => (Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType) == typeof(decimal)).ToList();

        Assert.NotEmpty(decimals);
        Assert.All(decimals, p => Assert.True(p.GetPrecision() is not null && p.GetScale() is not null, $"{p.DeclaringType.DisplayName()}.{p.Name} has no precision"));
        var amount = Assert.Single(decimals, p => p.GetColumnName() == "ResolutionAmount");
        Assert.Equal("decimal(18,2)", amount.GetColumnType());
        var cents = model.GetEntityTypes().SelectMany(e => e.GetProperties()).Single(p => p.GetColumnName() == "ResolutionAmountMinor");
        Assert.Equal(typeof(long), Nullable.GetUnderlyingType(cents.ClrType) ?? cents.ClrType);
        Assert.Equal("bigint", cents.GetColumnType());
    }

    private static IModel DesignModel(PortalDbContext db)
    {
        using (db)
        {
            return db.GetService<IDesignTimeModel>().Model;
        }
    }

    private sealed record Token(string Name, string? ColumnType, bool RowVersion, ValueGenerated Generated);

    private static List<Token> Tokens(IModel model) =>
        model.GetEntityTypes().SelectMany(e => e.GetProperties().Where(p => p.IsConcurrencyToken)
                .Select(p => new Token($"{e.DisplayName()}.{p.Name}", p.GetColumnType(), p.ClrType == typeof(byte[]) || p.GetColumnType() is "rowversion" or "timestamp", p.ValueGenerated)))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    private static RegisterComplaintForm PhoneComplaint(string customer) => new()
    {
        Channel = ComplaintChannel.Phone,
        ReceivedOn = DateTime.UtcNow.Date.AddDays(-1),
        ReceivedTime = TimeSpan.FromHours(12),
        CustomerName = customer,
        Phone = "+77771234567",
        Subject = "Parcel not delivered",
        Description = "Tracking says delivered, nothing arrived.",
        CategoryCode = "delivery",
    };

    [GeneratedRegex(@"UPDATE \[Complaints\] SET [^;]*\[Version\] = @\w+[^;]*\s+OUTPUT 1\s+WHERE \[Id\] = @\w+ AND \[Version\] = @\w+;")]
    private static partial Regex VersionCheckedUpdate();

    /// <summary>
    /// Holds the first two registrations' saves until both have read the last reference number: at the start of the
    /// save's transaction (the trend rollups open it before EF's SavingChanges; with the unique-index strategy nothing
    /// holds a lock before it), so neither holds a lock the other waits for.
    /// </summary>
    private sealed class RegistrationRace : DbTransactionInterceptor
    {
        private readonly TaskCompletionSource _bothRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _saves;

        public int Saves => Volatile.Read(ref _saves);

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<Complaint>().Any(e => e.State == EntityState.Added))
            {
                var arrived = Interlocked.Increment(ref _saves);
                if (arrived == 2)
                {
                    _bothRead.TrySetResult();
                }

                if (arrived <= 2)
                {
                    await _bothRead.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                }
            }

            return result;
        }
    }
}
