using System.Numerics;
using NBitcoin;

namespace Teos.Grains.Chain;

/// <summary>The part of getblockchaininfo the tower reads.</summary>
/// <param name="Chain">bitcoind's network name: main, test, testnet4, signet or regtest.</param>
/// <param name="Blocks">Height of the best block.</param>
/// <param name="PruneHeight">Lowest height with block data kept, when bitcoind prunes; otherwise null.</param>
public sealed record BlockchainInfo(string Chain, int Blocks, uint256 BestBlockHash, BigInteger ChainWork, int? PruneHeight);
