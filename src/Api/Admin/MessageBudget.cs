using Google.Protobuf;

namespace Teos.Api.Admin;

/// <summary>
/// The encoded size of an answer being built against gRPC's default 4 MiB message limit, which rust-teos' teos-cli
/// (tonic) and most gRPC clients keep: a client refuses a larger message, so no admin answer may pass it.
/// </summary>
internal sealed class MessageBudget(int reserved)
{
    public const int MaxMessageSize = 4 * 1024 * 1024;

    private long _size = reserved;

    /// <summary>One element of a repeated field numbered 1-15 (one tag byte); false, and nothing counted, if it does not fit.</summary>
    public bool TryAdd(int encodedSize)
    {
        if (_size + 1 + encodedSize > MaxMessageSize)
            return false;
        _size += 1 + encodedSize;
        return true;
    }

    public static int SizeOf(IMessage message) => CodedOutputStream.ComputeMessageSize(message);

    public static int SizeOf(ByteString bytes) => CodedOutputStream.ComputeBytesSize(bytes);
}
