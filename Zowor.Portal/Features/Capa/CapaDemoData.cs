using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Notifications;
using Zowor.Portal.Platform.Identity;

namespace Zowor.Portal.Features.Capa;

/// <summary>
/// Development demo data for CAPA tracking (P-62), built through the domain on the seeded complaints: a kettle CAPA
/// past its effectiveness check, a headphones CAPA being implemented with an overdue action, a preventive packaging CAPA
/// under investigation, and the recurring-issue alerts the scan would raise on the seeded complaints.
/// </summary>
public static class CapaDemoData
{
    public static async Task SeedAsync(IDbContextFactory<PortalDbContext> contexts, IReadOnlyDictionary<string, Actor> people, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Capas.AnyAsync(cancellationToken))
        {
            return;
        }

        var quality = people[PortalRoles.Quality];
        var csm = people[PortalRoles.Csm];
        var agent = people[PortalRoles.Agent];
        var sequence = 0;
        DateOnly Day(DateTime at) => DateOnly.FromDateTime(at);

        async Task<List<CapaComplaintLink>> LinksAsync(string product, DateTime before) =>
            (await db.Complaints.AsNoTracking().Where(c => c.Product == product && c.ReceivedAt < before).OrderBy(c => c.ReceivedAt)
                .Select(c => new { c.Id, c.Reference }).ToListAsync(cancellationToken))
            .Select(c => new CapaComplaintLink(c.Id, c.Reference)).ToList();

        // 1. Kettles leaking at the base: implemented 70 days ago with a 60-day window; Quality decided on the figures 5 days ago.
        var kettleOpened = now.AddDays(-100);
        var kettle = CapaRecord.Open(now.Year, ++sequence, "SteelBoil kettle leaks at the base", CapaKind.Corrective, CapaSource.ComplaintReview,
            "Customers report the SteelBoil 1.7 L kettle leaking at the base within weeks of purchase; the investigations found a seal defect from the supplier.",
            CapaRisk.Create(4, 3), await LinksAsync("SteelBoil 1.7 L kettle", kettleOpened), "SteelBoil 1.7 L kettle", "product-defect", null, quality, kettleOpened);
        kettle.StartInvestigation(quality, kettleOpened.AddHours(2));
        kettle.RecordRootCauseAnalysis(
            ["The kettle leaks at the base.", "The base seal does not close.", "The seal is thinner than specified.", "The supplier changed the seal material.", "Incoming inspection does not measure seal thickness."],
            [(FishboneCategory.ProductMaterials, "New seal material from the supplier since January."), (FishboneCategory.Measurement, "No thickness check at goods-in.")],
            quality, kettleOpened.AddDays(1));
        kettle.PlanActions(quality, kettleOpened.AddDays(2));
        kettle.AddAction("Return to the specified seal material with the supplier", csm, Day(kettleOpened.AddDays(14)), Day(kettleOpened.AddDays(2)), quality, kettleOpened.AddDays(2));
        kettle.AddAction("Add a seal thickness check to goods-in inspection", quality, Day(kettleOpened.AddDays(21)), Day(kettleOpened.AddDays(2)), quality, kettleOpened.AddDays(2));
        kettle.SetEffectivenessCheck("Fewer kettle leak complaints in the 60 days after than before", 60, quality, kettleOpened.AddDays(2));
        kettle.StartImplementation(quality, kettleOpened.AddDays(3));
        kettle.FinishAction(1, CapaActionStatus.Done, Day(kettleOpened.AddDays(12)), csm, kettleOpened.AddDays(12));
        kettle.FinishAction(2, CapaActionStatus.Done, Day(kettleOpened.AddDays(20)), quality, kettleOpened.AddDays(20));
        kettle.StartEffectivenessCheck(quality, now.AddDays(-70));
        db.Capas.Add(kettle);
        await db.SaveChangesAsync(cancellationToken);
        var evidence = await RecurrenceQueries.EvidenceAsync(db, kettle, now.AddDays(-5), cancellationToken) ?? new EffectivenessEvidence(0, 0, 60, true);
        if (evidence.SuggestsEffective)
        {
            kettle.RecordEffectiveness(true, "Leak complaints fell after the seal change.", evidence, quality, now.AddDays(-5));
            // A second person signs the closure off (the CCO; Quality opened it).
            kettle.Close(CapaSignature.ApproveClosure(people[PortalRoles.Cco], PortalRoles.Cco, now.AddDays(-5)), now.AddDays(-5));
        }
        else
        {
            kettle.RecordEffectiveness(false, "Leak complaints did not fall: the seal is not the whole story.", evidence, quality, now.AddDays(-5));
        }

        // 2. Headphones that stop charging: being implemented, one action overdue.
        var headphonesOpened = now.AddDays(-25);
        var headphones = CapaRecord.Open(now.Year, ++sequence, "AirBeat headphones stop charging", CapaKind.Corrective, CapaSource.ComplaintReview,
            "AirBeat headphones from one production batch stop charging; the charging port is faulty.",
            CapaRisk.Create(3, 4), await LinksAsync("AirBeat headphones", now), "AirBeat headphones", "product-defect", null, quality, headphonesOpened);
        headphones.StartInvestigation(quality, headphonesOpened.AddHours(1));
        headphones.RecordRootCauseAnalysis(["The headphones do not charge.", "The charging port has no contact.", "The port was soldered badly in one batch."],
            [(FishboneCategory.EquipmentSystems, "Soldering station recalibrated late."), (FishboneCategory.Process, "No charge test at final inspection.")], quality, headphonesOpened.AddDays(1));
        headphones.PlanActions(quality, headphonesOpened.AddDays(2));
        headphones.AddAction("Block the faulty batch in the warehouse", agent, Day(headphonesOpened.AddDays(5)), Day(headphonesOpened.AddDays(2)), quality, headphonesOpened.AddDays(2));
        headphones.AddAction("Agree a charge test at final inspection with the supplier", quality, Day(headphonesOpened.AddDays(15)), Day(headphonesOpened.AddDays(2)), quality, headphonesOpened.AddDays(2));
        headphones.AddAction("Offer an exchange to customers of the batch", csm, Day(now.AddDays(10)), Day(headphonesOpened.AddDays(2)), quality, headphonesOpened.AddDays(2));
        headphones.StartImplementation(quality, headphonesOpened.AddDays(3));
        headphones.FinishAction(1, CapaActionStatus.Done, Day(headphonesOpened.AddDays(4)), agent, headphonesOpened.AddDays(4));
        db.Capas.Add(headphones);

        // 3. Preventive: fragile goods without protective inserts, under investigation.
        var packagingOpened = now.AddDays(-6);
        var packaging = CapaRecord.Open(now.Year, ++sequence, "Fragile goods shipped without protective inserts", CapaKind.Preventive, CapaSource.Audit,
            "The warehouse audit found fragile goods packed without inserts; vases broke in transit before.",
            CapaRisk.Create(3, 2), await LinksAsync("Ceramic vase", now), null, "packaging", RootCauseCategory.Packaging, quality, packagingOpened);
        packaging.StartInvestigation(quality, packagingOpened.AddHours(3));
        packaging.RecordRootCauseAnalysis(["Vases break in transit.", "Nothing holds them in the box."], [(FishboneCategory.People, "New packers not trained on fragile goods.")], quality, packagingOpened.AddDays(1));
        db.Capas.Add(packaging);
        await db.SaveChangesAsync(cancellationToken);

        await SeedAlertsAsync(db, quality, now, cancellationToken);
    }

    /// <summary>The alerts the hourly scan would raise on the demo complaints (3 in 30 days), so the CAPA page has one on first run.</summary>
    private static async Task SeedAlertsAsync(PortalDbContext db, Actor quality, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var alert in await CapaScanJob.FindNewAlertsAsync(db, 3, 30, now, DateOnly.FromDateTime(now), cancellationToken))
        {
            db.RecurringIssueAlerts.Add(alert);
            db.Set<UserNotification>().Add(new UserNotification
            {
                UserId = quality.Id, Reference = CapaScanJob.Subject(alert), Kind = NotificationKinds.RecurringIssue,
                Detail = alert.ComplaintCount.ToString(CultureInfo.InvariantCulture), Link = "capa", CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
