using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;

namespace Zowor.Portal.Features.Mail;

/// <summary>
/// Turns a complaint's events into customer e-mails in the outbox, inside the caller's unit of work: the messages
/// commit with the change or not at all. Customers without an e-mail address are kept informed by phone (P-20).
/// </summary>
public sealed class CustomerMessagePlanner(CustomerMailTemplates templates)
{
    /// <summary>Adds the messages the complaint's pending events call for, dated when each event happened; returns how many.</summary>
    public async Task<int> PlanAsync(PortalDbContext db, Complaint complaint, CancellationToken cancellationToken)
    {
        if (complaint.Customer.Email is null)
        {
            return 0;
        }

        var planned = 0;
        foreach (var domainEvent in complaint.DomainEvents)
        {
            var now = domainEvent.OccurredAt;
            switch (domainEvent)
            {
                // What the customer sent themselves (the web form, the complaints mailbox) gets a receipt; staff who register
                // a phone or e-mail complaint tell the customer the reference themselves.
                case ComplaintRegistered when complaint.RegisteredById == Actor.CustomerId:
                    Queue(db, complaint, CustomerMessageKinds.Received, null, now);
                    planned++;
                    break;
                case ComplaintStatusChanged { To: ComplaintStatus.Acknowledged }:
                    Queue(db, complaint, CustomerMessageKinds.Acknowledged, null, now);
                    planned++;
                    break;
                case ComplaintStatusChanged { To: ComplaintStatus.Resolving }:
                    Queue(db, complaint, CustomerMessageKinds.ResolutionOffered, null, now);
                    planned++;
                    break;
                case ComplaintStatusChanged { To: ComplaintStatus.Reopened }:
                    Queue(db, complaint, CustomerMessageKinds.Reopened, null, now);
                    planned++;
                    break;
                case ComplaintStatusChanged { To: ComplaintStatus.Closed }:
                    var token = await IssueSurveyAsync(db, complaint, now, cancellationToken);
                    Queue(db, complaint, CustomerMessageKinds.Closed, token is null ? null : templates.SurveyUrl(token), now);
                    planned++;
                    break;
                case ComplaintUpdated { Kind: ComplaintHistoryKinds.CommunicationLogged }
                    when complaint.Communications is [.., { Direction: CommunicationDirection.Outbound, Channel: CommunicationChannel.Email } update]:
                    Queue(db, complaint, CustomerMessageKinds.Update, update.Summary, now);
                    planned++;
                    break;
                case ComplaintUpdated { Kind: ComplaintHistoryKinds.EstimateRevised }:
                    Queue(db, complaint, CustomerMessageKinds.EstimateRevised, null, now);
                    planned++;
                    break;
                case ComplaintMarkedDuplicate merged:
                    Queue(db, complaint, CustomerMessageKinds.MergedAsDuplicate, merged.PrimaryReference, now);
                    planned++;
                    break;
                case CustomerReplyWritten reply:
                    Queue(db, complaint, CustomerMessageKinds.Reply, reply.Text, now, reply.Subject);
                    planned++;
                    break;
                case ComplaintEscalated { To: EscalationLevel.ChiefExecutive }
                    when complaint.Escalations is [.., { ById: Actor.CustomerId }]:
                    Queue(db, complaint, CustomerMessageKinds.CeoReviewRequested, null, now);
                    planned++;
                    break;
            }
        }

        return planned;
    }

    /// <summary>Hex SHA-256 of a survey token, as stored.</summary>
    public static string HashToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private void Queue(PortalDbContext db, Complaint complaint, string kind, string? text, DateTime now, string? replySubject = null)
    {
        var (subject, body, culture) = templates.Write(kind, complaint, text, replySubject);
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            ComplaintId = complaint.Id,
            Kind = kind,
            ToAddress = complaint.Customer.Email!,
            ToName = complaint.Customer.Name,
            Subject = subject,
            Body = body,
            Culture = culture,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }

    // One survey per complaint (P-01): a complaint closed again after a reopening gets a fresh link only while the
    // first one is unanswered. Returns the token for the link, or null when the customer has already answered.
    private static async Task<string?> IssueSurveyAsync(PortalDbContext db, Complaint complaint, DateTime now, CancellationToken cancellationToken)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var hash = HashToken(token);
        var survey = await db.Set<SatisfactionSurvey>().SingleOrDefaultAsync(s => s.ComplaintId == complaint.Id, cancellationToken);
        if (survey is null)
        {
            db.Set<SatisfactionSurvey>().Add(SatisfactionSurvey.Issue(complaint.Id, hash, now));
            return token;
        }

        return survey.Reissue(hash, now) ? token : null;
    }
}
