namespace Zowor.Portal.Features.Customers;

/// <summary>The survey as its page shows it.</summary>
public sealed record SurveyView(string Reference, bool Answered);
