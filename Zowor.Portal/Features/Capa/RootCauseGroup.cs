using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Features.Capa;

public sealed record RootCauseGroup(RootCauseCategory RootCause, int Count);
