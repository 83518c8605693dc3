namespace Teos.Protocol.Signing;

/// <summary>Why a zbase32 message signature yielded no signer (spec 1.6 recovery steps 1–4).</summary>
public enum SignatureFailure
{
    None = 0,

    /// <summary>Not canonical zbase32 (bad character, length, padding bits).</summary>
    InvalidZBase32,

    /// <summary>Decodes to something other than 65 bytes.</summary>
    WrongLength,

    /// <summary>Header byte not in 31..34.</summary>
    InvalidHeader,

    /// <summary>r or s not in 1..n-1.</summary>
    ScalarOutOfRange,

    /// <summary>No public key recovers from this signature and digest.</summary>
    RecoveryFailed,
}
