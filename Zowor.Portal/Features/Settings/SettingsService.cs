using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Time;
using Zowor.Portal.Realtime;

namespace Zowor.Portal.Features.Settings;

/// <summary>Reads and changes the thresholds (Admin only). Bad values are refused and nothing is stored.</summary>
public sealed class SettingsService(
    IDbContextFactory<PortalDbContext> contexts,
    SettingsProvider provider,
    CurrentUser currentUser,
    BusinessClock clock,
    LivePublisher live,
    ILogger<SettingsService> logger)
{
    public async Task<PortalSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        return (await provider.ReloadAsync(cancellationToken)).Copy();
    }

    public async Task SaveAsync(PortalSettings changed, CancellationToken cancellationToken = default)
    {
        var admin = await currentUser.RequireAsync(PortalRoles.Policies.Admin);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(changed, new ValidationContext(changed), results, validateAllProperties: true))
        {
            throw new DomainException(results[0].ErrorMessage ?? "A setting is not valid.");
        }

        if (!BusinessClock.IsKnownZone(changed.TimeZone))
        {
            throw new DomainException("The time zone is not known. Use an IANA id such as Asia/Almaty or Europe/Moscow.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.Set<PortalSettings>().SingleAsync(cancellationToken);
        stored.AcknowledgementWarningHours = changed.AcknowledgementWarningHours;
        stored.CustomerUpdateDays = changed.CustomerUpdateDays;
        stored.Level1ResolutionDays = changed.Level1ResolutionDays;
        stored.Level2ResolutionDays = changed.Level2ResolutionDays;
        stored.RetentionMonths = changed.RetentionMonths;
        stored.OfferAnswerDays = changed.OfferAnswerDays;
        stored.RecurrenceThreshold = changed.RecurrenceThreshold;
        stored.RecurrenceWindowDays = changed.RecurrenceWindowDays;
        stored.TimeZone = changed.TimeZone.Trim();
        stored.UpdatedAt = clock.UtcNow;
        stored.UpdatedBy = admin.Name;
        await db.SaveChangesAsync(cancellationToken);
        await provider.ReloadAsync(cancellationToken);
        live.Publish(new SettingsChanged());
        logger.LogInformation("Settings changed by {UserId}: {@Settings}", admin.Id, stored);
    }
}
