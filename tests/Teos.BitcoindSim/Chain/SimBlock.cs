using System.Numerics;
using NBitcoin;
using Teos.Protocol.Encoding;

namespace Teos.BitcoindSim.Chain;

/// <summary>A block the simulator has seen, on the active chain or stale. Its raw form is serialized on first request.</summary>
public sealed class SimBlock
{
    /// <summary>Regtest's proof-of-work limit makes every block worth 2 units of chain work.</summary>
    private const int WorkPerBlock = 2;

    private string? _hex;

    public SimBlock(Block block, int height)
    {
        Block = block;
        Height = height;
        ChainWork = new BigInteger(WorkPerBlock) * (height + 1);
    }

    public Block Block { get; }

    public uint256 Hash => Block.GetHash();

    public int Height { get; }

    public BigInteger ChainWork { get; }

    /// <summary>Raw data dropped by pruning; the header stays known, as in bitcoind.</summary>
    public bool Pruned { get; private set; }

    public string ChainWorkHex => ChainWork.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);

    public string RawHex => _hex ??= Hex.Encode(Block.ToBytes());

    internal void Prune()
    {
        Pruned = true;
        _hex = null;
    }
}
