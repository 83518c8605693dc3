using NBitcoin;

namespace Teos.Grains.Serialization;

/// <summary>Orleans' wire form of NBitcoin's <see cref="uint256"/> (txids and block hashes, internal byte order).</summary>
[GenerateSerializer, Immutable, Alias("teos.uint256")]
public readonly struct Uint256Surrogate
{
    [Id(0)] public byte[] Bytes { get; init; }
}

[RegisterConverter]
public sealed class Uint256Converter : IConverter<uint256, Uint256Surrogate>
{
    public uint256 ConvertFromSurrogate(in Uint256Surrogate surrogate) => new(surrogate.Bytes);

    public Uint256Surrogate ConvertToSurrogate(in uint256 value) => new() { Bytes = value.ToBytes() };
}
