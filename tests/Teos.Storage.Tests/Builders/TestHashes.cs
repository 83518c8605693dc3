using System.Security.Cryptography;
using NBitcoin;

namespace Teos.Storage.Tests.Builders;

public static class TestHashes
{
    public static uint256 Random() => new(RandomNumberGenerator.GetBytes(32));

    public static IReadOnlyList<uint256> Many(int count) => [.. Enumerable.Range(0, count).Select(_ => Random())];
}
