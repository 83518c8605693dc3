namespace Teos.Protocol.Bitcoin;

/// <summary>Bitcoin's variable-length integer: one byte below 0xfd, else a 0xfd/0xfe/0xff prefix and 2/4/8 bytes LE.</summary>
public static class CompactSize
{
    public static int SizeOf(ulong value) => value switch
    {
        < 0xfd => 1,
        <= ushort.MaxValue => 3,
        <= uint.MaxValue => 5,
        _ => 9,
    };

    /// <summary>Size of a length-prefixed byte string.</summary>
    public static int SizeOfVarBytes(int length) => SizeOf((ulong)length) + length;
}
