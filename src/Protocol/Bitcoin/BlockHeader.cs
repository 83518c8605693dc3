using System.Diagnostics.CodeAnalysis;
using Teos.Protocol.Encoding;

namespace Teos.Protocol.Bitcoin;

/// <summary>The 80-byte block header. Its hash (SHA256d of the 80 bytes) is the block hash, kept as a <see cref="Txid"/> in internal order.</summary>
public sealed class BlockHeader
{
    public const int Size = 80;

    public BlockHeader(int version, Txid previousBlockHash, Txid merkleRoot, uint time, uint bits, uint nonce)
    {
        RequireSet(previousBlockHash, nameof(previousBlockHash));
        RequireSet(merkleRoot, nameof(merkleRoot));
        Version = version;
        PreviousBlockHash = previousBlockHash;
        MerkleRoot = merkleRoot;
        Time = time;
        Bits = bits;
        Nonce = nonce;
        Hash = Txid.HashOf(Serialize());
    }

    public int Version { get; }

    public Txid PreviousBlockHash { get; }

    public Txid MerkleRoot { get; }

    /// <summary>Unix time in seconds.</summary>
    public uint Time { get; }

    /// <summary>The compact proof-of-work target.</summary>
    public uint Bits { get; }

    public uint Nonce { get; }

    /// <summary>The block hash; <c>ToDisplayHex()</c> gives bitcoind's rendering.</summary>
    public Txid Hash { get; }

    /// <summary>For a miner loop: the same header with another nonce (and so another hash).</summary>
    public BlockHeader WithNonce(uint nonce) => new(Version, PreviousBlockHash, MerkleRoot, Time, Bits, nonce);

    public byte[] Serialize()
    {
        var bytes = new byte[Size];
        var writer = new BitcoinWriter(bytes);
        WriteTo(ref writer);
        return bytes;
    }

    public string ToHex() => Hex.Encode(Serialize());

    public void WriteTo(ref BitcoinWriter writer)
    {
        writer.WriteInt32(Version);
        writer.WriteBytes(PreviousBlockHash.InternalBytes);
        writer.WriteBytes(MerkleRoot.InternalBytes);
        writer.WriteUInt32(Time);
        writer.WriteUInt32(Bits);
        writer.WriteUInt32(Nonce);
    }

    /// <exception cref="BitcoinFormatException">Not exactly 80 bytes.</exception>
    public static BlockHeader Parse(ReadOnlySpan<byte> bytes) =>
        WireParsing.OrThrow(TryParse(bytes, out var header, out var error), header, error);

    /// <exception cref="BitcoinFormatException">Not hex, or not exactly 80 bytes.</exception>
    public static BlockHeader ParseHex(string hex) =>
        WireParsing.OrThrow(TryParseHex(hex, out var header, out var error), header, error);

    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out BlockHeader? header, [NotNullWhen(false)] out BitcoinFormatError? error) =>
        WireParsing.TryParseCopy(bytes, TryRead, out header, out error);

    public static bool TryParseHex(string hex, [NotNullWhen(true)] out BlockHeader? header, [NotNullWhen(false)] out BitcoinFormatError? error) =>
        WireParsing.TryParseHex(hex, TryRead, out header, out error);

    internal static bool TryRead(ref BitcoinReader reader, ReadOnlyMemory<byte> buffer, [NotNullWhen(true)] out BlockHeader? header)
    {
        header = null;
        if (!reader.TryReadBytes(Size, out var bytes))
            return false;

        // Cannot fail: exactly 80 bytes are in hand.
        var fields = new BitcoinReader(bytes);
        fields.TryReadInt32(out var version);
        fields.TryReadBytes(Txid.Size, out var previous);
        fields.TryReadBytes(Txid.Size, out var merkleRoot);
        fields.TryReadUInt32(out var time);
        fields.TryReadUInt32(out var bits);
        fields.TryReadUInt32(out var nonce);
        header = new BlockHeader(version, Txid.FromInternal(previous), Txid.FromInternal(merkleRoot), time, bits, nonce);
        return true;
    }

    private static void RequireSet(Txid hash, string name)
    {
        if (hash.InternalBytes.Length != Txid.Size)
            throw new ArgumentException("The hash is unset", name);
    }
}
