namespace Teos.Storage.Move;

/// <summary>What one <see cref="TowerMove"/> copied, table by table.</summary>
public sealed record TowerMoveResult(long Users, long Appointments, long GrainStates, long Keys, long RecentBlocks)
{
    public override string ToString() =>
        $"{Users} users, {Appointments} appointments, {GrainStates} grain states (trackers and the block feed), {Keys} tower keys, {RecentBlocks} cached blocks";
}
