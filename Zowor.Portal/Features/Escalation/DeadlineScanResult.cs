
namespace Zowor.Portal.Features.Escalation;

public sealed class DeadlineScanResult
{
    public int ComplaintsChanged { get; set; }
    public int Steps { get; set; }
    public int Conflicts { get; set; }
}
