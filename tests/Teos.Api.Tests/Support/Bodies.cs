namespace Teos.Api.Tests.Support;

/// <summary>Well-formed bodies whose content does not matter to the test.</summary>
public static class Bodies
{
    public static readonly byte[] OneSlotBlob = [0x01, 0x02, 0x03];

    /// <summary>Not a zbase32 signature: recovery fails, so nobody is authenticated.</summary>
    public const string Unrecoverable = "yyyyyyyy";
}
