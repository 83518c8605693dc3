using System.Numerics;
using Teos.Protocol.Bitcoin;

namespace Teos.Grains.Chain;

/// <summary>The part of getblockchaininfo the tower reads.</summary>
/// <param name="Chain">bitcoind's network name: main, test, testnet4, signet or regtest.</param>
/// <param name="Blocks">Height of the best block.</param>
/// <param name="PruneHeight">Lowest height with block data kept, when bitcoind prunes; otherwise null.</param>
public sealed record BlockchainInfo(string Chain, int Blocks, Txid BestBlockHash, BigInteger ChainWork, int? PruneHeight);
