namespace Zowor.Portal.Features.Replies;

/// <summary>A template's text filled in for one complaint, in the customer's language.</summary>
public sealed record FilledReply(string Subject, string Text, string Language);
