using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Platform.Time;

namespace Zowor.Portal.Features.Customers;

/// <summary>
/// The benchmark suite's floor for intake (issue 21: "the intake POST to a bare endpoint that inserts the same row"): a
/// POST of the public form's fields that builds the same complaint through the domain and writes only its
/// <c>Complaints</c> row with one INSERT, under the same write lock, reference allocation and product link as registration, and answers
/// with the same redirect. No page, no antiforgery, no validation beyond the domain's, no timeline rows, e-mail, rollups
/// or live update, and each row in a transaction of its own: what a web-form complaint written alone costs at the least.
/// <c>IntakeBenchmark</c> reports the real form's CPU per complaint as a ratio to it; since registrations under load are
/// written in groups (<c>RegistrationBatches</c>), the form can come close to it or below.
/// </summary>
/// <remarks>
/// Never part of a running portal: it is mapped only when <see cref="Setting"/> is true (only the benchmark's node sets
/// it), never in the Production environment, only on SQLite, and it answers only requests from the loopback address
/// (404 for anyone else). Its rows lack their timeline, so it belongs on the benchmark's scratch database only.
/// </remarks>
public static class BareIntakeEndpoint
{
    /// <summary>The configuration switch that maps the endpoint (the intake benchmark's node only).</summary>
    public const string Setting = "Benchmarks:BareIntakeEndpoint";

    /// <summary>Where it answers.</summary>
    public const string Path = "/benchmark/bare-intake";

    /// <summary>Maps the endpoint when the benchmark asked for it, outside Production, on SQLite; otherwise does nothing.</summary>
    public static IEndpointRouteBuilder MapBareIntakeForBenchmarks(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        if (!services.GetRequiredService<IConfiguration>().GetValue<bool>(Setting)
            || services.GetRequiredService<IWebHostEnvironment>().IsProduction()
            || services.GetRequiredService<DatabaseOptions>().Provider != DatabaseProvider.Sqlite)
        {
            return endpoints;
        }

        endpoints.MapPost(Path, InsertAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task InsertAsync(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } client || !IPAddress.IsLoopback(client))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var cancellationToken = context.RequestAborted;
        var form = await context.Request.ReadFormAsync(cancellationToken);
        string? Field(string name) => form["Form." + name].ToString() is { Length: > 0 } value ? value : null;

        var services = context.RequestServices;
        var clock = services.GetRequiredService<BusinessClock>();
        var email = Field(nameof(PublicComplaintForm.Email));
        var description = Field(nameof(PublicComplaintForm.Description)) ?? string.Empty;
        var customer = CustomerContact.Create(Field(nameof(PublicComplaintForm.Name)), email, Field(nameof(PublicComplaintForm.Phone)),
            email is null ? ContactMethod.Phone : ContactMethod.Email);
        var details = ComplaintDetails.Create(PublicComplaintService.SubjectFrom(description), description, Field(nameof(PublicComplaintForm.CategoryCode)),
            ComplaintSeverity.Normal, Enum.Parse<PreferredResolution>(Field(nameof(PublicComplaintForm.PreferredResolution)) ?? nameof(PreferredResolution.NoPreference)),
            Field(nameof(PublicComplaintForm.OrderNumber))?.Trim().ToUpperInvariant(), Field(nameof(PublicComplaintForm.Product)));
        var now = clock.UtcNow;
        var local = clock.ToLocal(now);

        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var last = await db.Complaints.Where(c => c.ReferenceYear == local.Year).MaxAsync(c => (int?)c.ReferenceSequence, cancellationToken) ?? 0;
        var complaint = Complaint.Register(ComplaintReference.Create(local.Year, last + 1), ComplaintChannel.WebForm, customer, details, now, Actor.Customer, now, "en", local);
        if (await Products.ProductQueries.MatchAsync(db, complaint.Product, cancellationToken) is { } listedProduct)
        {
            complaint.LinkListedProduct(listedProduct);
        }

        db.Complaints.Add(complaint);
        // The version registration's save gives a new complaint (PortalDbContext.PrepareSave).
        db.Entry(complaint).Property<long>(PortalDbContext.VersionProperty).CurrentValue = 1;
        await using (var insert = db.Database.GetDbConnection().CreateCommand())
        {
            insert.Transaction = transaction.GetDbTransaction();
            insert.CommandText = ComplaintRowInsert(db, insert);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        context.Response.Redirect($"/complain/received/{Uri.EscapeDataString(complaint.Reference)}");
    }

    /// <summary>
    /// The INSERT of the complaint's own row as EF lays it out: the complaint and the owned values that share its table, each
    /// value through its column's type mapping (converters included). Rows of other tables (the timeline) are left out.
    /// </summary>
    private static string ComplaintRowInsert(PortalDbContext db, DbCommand command)
    {
        var root = db.Model.FindEntityType(typeof(Complaint))!;
        var table = StoreObjectIdentifier.Table(root.GetTableName()!, root.GetSchema());
        var columns = new List<string>();
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Metadata.GetTableName() == table.Name))
        {
            foreach (var property in entry.Metadata.GetProperties())
            {
                if (property.GetColumnName(table) is not { } column || columns.Contains(column))
                {
                    continue;
                }

                var name = "@p" + columns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                columns.Add(column);
                command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, name, entry.Property(property).CurrentValue, property.IsNullable));
            }
        }

        return $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", command.Parameters.Cast<DbParameter>().Select(p => p.ParameterName))});";
    }
}
