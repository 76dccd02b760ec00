namespace Zowor.Portal.Features.Reviews;

public enum ReviewKind
{
    Monthly,
    Annual,
}
