namespace Teos.Api.Decoding;

/// <summary>A decoded hex field, with the text as received (python-teos clients sign the locator they sent).</summary>
public sealed record HexValue(string Text, byte[] Bytes);
