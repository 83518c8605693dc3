using System.Text;
using NBitcoin;
using Teos.Grains.Chain;

namespace Teos.Grains.Tests.BlockFeed;

/// <summary>Builds chains of <see cref="ChainLink"/>s with made-up hashes named by branch and height.</summary>
internal static class Links
{
    public static uint256 Hash(string branch, int height) => NBitcoin.Crypto.Hashes.DoubleSHA256(Encoding.UTF8.GetBytes($"{branch}/{height}"));

    /// <summary>Links at heights from..to of <paramref name="branch"/>, each the child of the previous one; the first one's parent is <paramref name="parent"/>.</summary>
    public static List<ChainLink> Branch(string branch, int from, int to, uint256? parent)
    {
        var links = new List<ChainLink>();
        var previous = parent;
        for (var height = from; height <= to; height++)
        {
            var link = new ChainLink(Hash(branch, height), height, previous);
            links.Add(link);
            previous = link.Hash;
        }

        return links;
    }

    /// <summary>The main branch from genesis to <paramref name="to"/>.</summary>
    public static List<ChainLink> BestChain(int to) => Branch("main", 0, to, null);
}
