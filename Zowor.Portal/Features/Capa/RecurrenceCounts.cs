namespace Zowor.Portal.Features.Capa;

public sealed record RecurrenceCounts(int Before, int After);
