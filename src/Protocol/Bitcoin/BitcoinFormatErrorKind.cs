namespace Teos.Protocol.Bitcoin;

/// <summary>Why bytes were refused as a transaction, block or block header (spec 1.10).</summary>
public enum BitcoinFormatErrorKind
{
    /// <summary>The input ended inside a field.</summary>
    Truncated,

    /// <summary>A CompactSize used a longer encoding than its value needs; bitcoind refuses those.</summary>
    NonCanonicalCompactSize,

    /// <summary>A count or length promises more data than the input still holds.</summary>
    SizeExceedsInput,

    /// <summary>A zero input count followed by a segwit flag other than 0x01.</summary>
    UnsupportedSegwitFlag,

    /// <summary>The witness form was used but no input carries a witness.</summary>
    EmptyWitness,

    /// <summary>Bytes remain after the structure ended.</summary>
    TrailingBytes,

    /// <summary>The hex text around the bytes was malformed.</summary>
    InvalidHex,
}
