using Zowor.Portal.Domain.Capa;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;

namespace Zowor.Portal.Tests.Domain.Common;

/// <summary>
/// The generic table both aggregates keep their state machine in (complaints: Submit → … → Close, P-10 to P-50; CAPA:
/// P-62), on a small table of its own so the type's rules are tested apart from either workflow.
/// </summary>
public sealed class WorkflowTableTests
{
    public enum Light { Red, Green, Yellow, Off }

    public enum Switch { Go, Slow, Stop, Repair, Inspect, Unused }

    private static readonly WorkflowTable<Light, Switch> Table = new(
        new Dictionary<(Light, Switch), Light>
        {
            [(Light.Red, Switch.Go)] = Light.Green,
            [(Light.Green, Switch.Slow)] = Light.Yellow,
            [(Light.Yellow, Switch.Stop)] = Light.Red,
            [(Light.Off, Switch.Repair)] = Light.Red,
        },
        new Dictionary<Switch, Light[]>
        {
            [Switch.Inspect] = [Light.Red, Light.Off],
        });

    [Theory]
    [InlineData(Light.Red, Switch.Go, Light.Green)]
    [InlineData(Light.Green, Switch.Slow, Light.Yellow)]
    [InlineData(Light.Off, Switch.Repair, Light.Red)]
    public void Target_MoveInTheTable_IsItsTargetAndAllowed(Light from, Switch action, Light to)
    {
        Assert.Equal(to, Table.Target(from, action));
        Assert.True(Table.Allows(from, action));
        Assert.True(Table.IsMove(action));
    }

    [Theory]
    [InlineData(Light.Green, Switch.Go)]
    [InlineData(Light.Red, Switch.Stop)]
    [InlineData(Light.Red, Switch.Unused)]
    public void Target_MoveNotInTheTable_IsNullAndRefused(Light from, Switch action)
    {
        Assert.Null(Table.Target(from, action));
        Assert.False(Table.Allows(from, action));
    }

    [Fact]
    public void Activity_AllowedOnlyInItsStatuses_AndNeverAMove()
    {
        Assert.False(Table.IsMove(Switch.Inspect));
        Assert.True(Table.Allows(Light.Red, Switch.Inspect));
        Assert.True(Table.Allows(Light.Off, Switch.Inspect));
        Assert.False(Table.Allows(Light.Green, Switch.Inspect));
        Assert.Null(Table.Target(Light.Red, Switch.Inspect));
    }

    [Fact]
    public void AllowedIn_ListsMovesAndActivitiesInEnumOrder()
    {
        Assert.Equal([Switch.Go, Switch.Inspect], Table.AllowedIn(Light.Red));
        Assert.Equal([Switch.Repair, Switch.Inspect], Table.AllowedIn(Light.Off));
        Assert.Equal([Switch.Stop], Table.AllowedIn(Light.Yellow));
    }

    [Fact]
    public void Actions_AreEveryActionTheTableMentions_NotTheUnusedOnes()
    {
        Assert.Equal([Switch.Go, Switch.Slow, Switch.Stop, Switch.Repair, Switch.Inspect], Table.Actions);
    }

    [Fact]
    public void AllMoves_AreExactlyTheMovesGiven()
    {
        Assert.Equal(
            [(Light.Green, Switch.Slow, Light.Yellow), (Light.Off, Switch.Repair, Light.Red), (Light.Red, Switch.Go, Light.Green), (Light.Yellow, Switch.Stop, Light.Red)],
            Table.AllMoves.OrderBy(m => m.From.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public void New_ActionBothAMoveAndAnActivity_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new WorkflowTable<Light, Switch>(
            new Dictionary<(Light, Switch), Light> { [(Light.Red, Switch.Go)] = Light.Green },
            new Dictionary<Switch, Light[]> { [Switch.Go] = [Light.Green] }));

        Assert.Contains("Go", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BothWorkflows_UseTheGenericTable()
    {
        Assert.Equal(ComplaintWorkflow.AllMoves, ComplaintWorkflow.Table.AllMoves);
        Assert.Equal(CapaWorkflow.AllMoves, CapaWorkflow.Table.AllMoves);
        Assert.Equal(Enum.GetValues<ComplaintAction>(), ComplaintWorkflow.Table.Actions);
        Assert.Equal(Enum.GetValues<CapaStep>(), CapaWorkflow.Table.Actions);
    }
}
