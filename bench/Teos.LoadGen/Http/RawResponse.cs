using System.Text;

namespace Teos.LoadGen.Http;

/// <summary>Status code and body of one HTTP response.</summary>
public sealed record RawResponse(int Status, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);
}
