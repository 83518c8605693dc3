using Xunit;

namespace Teos.Grains.Tests.Cluster;

/// <summary>
/// The classes that deploy a <see cref="TowerCluster"/> (one each, as a class fixture) run one after another: their
/// timings and counts are then not disturbed by another cluster on the same two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection
{
    public const string Name = "grain cluster";
}
