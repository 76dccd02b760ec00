namespace Zowor.Portal.Features.Capa;

public sealed record ProductGroup(string Product, string CategoryCode, int Count);
