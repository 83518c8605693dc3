namespace Teos.Protocol.Blobs;

/// <summary>Why a blob did not decrypt. Both mean "invalid blob" to the watcher (spec 1.9, 4.3).</summary>
public enum BlobDecryptionError
{
    None = 0,

    /// <summary>Shorter than the 16-byte tag (an empty blob included).</summary>
    TooShort,

    /// <summary>The tag does not authenticate: wrong key (wrong dispute txid) or altered bytes.</summary>
    AuthenticationFailed,
}
