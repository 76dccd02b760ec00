using Zowor.Portal.Domain.Capa;

namespace Zowor.Portal.Features.Capa;

public sealed record LinkedCapa(Guid Id, string Number, string Title, CapaStatus Status);
