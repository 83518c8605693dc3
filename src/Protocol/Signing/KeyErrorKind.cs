namespace Teos.Protocol.Signing;

/// <summary>Why key bytes or key hex were refused; the kinds map onto protocol error codes 5 and 4 (spec 3.2).</summary>
public enum KeyErrorKind
{
    /// <summary>Not hex (odd length, bad character): WRONG_FIELD_FORMAT.</summary>
    InvalidHex,

    /// <summary>Decoded to the wrong number of bytes: WRONG_FIELD_SIZE.</summary>
    WrongSize,

    /// <summary>Right size but not a valid key (not on the curve, zero or &gt;= n): WRONG_FIELD_FORMAT.</summary>
    InvalidKey,
}
