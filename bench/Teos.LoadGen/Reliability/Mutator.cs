using System.Text;

namespace Teos.LoadGen.Reliability;

/// <summary>
/// Turns a valid request (path, JSON body) into a malformed one. Body mutations keep the HTTP framing right so
/// the body reaches the tower's decoder; framing mutations lie about the length or the type.
/// </summary>
public sealed class Mutator(Random random)
{
    public static readonly string[] Kinds =
    [
        "bitflip", "truncate", "swap", "type", "huge-number", "unicode", "invalid-utf8", "duplicate-key", "extra-key",
        "drop-key", "nesting", "empty", "garbage", "random-path", "wrong-method", "content-type", "no-length",
        "chunked", "length-short", "length-long", "length-bad", "oversize",
    ];

    private static readonly string[] Values =
    [
        "null", "true", "false", "0", "-1", "1.5", "1e400", "-1e400", "18446744073709551616", "4294967296",
        "99999999999999999999999999999999", "\"\"", "[]", "{}", "[1,2,3]", "{\"a\":1}", "\"\\u0000\"", "\"zz\"",
        "\"" + new string('a', 5000) + "\"", "\"\\ud800\"", "\"é漢字🙂\"", "-0", "1E+2", "0x10",
    ];

    /// <summary>The mutated request bytes, and whether the framing itself is wrong (needs its own connection).</summary>
    public (byte[] Bytes, bool Framing, string Kind, bool HeadOnly) Mutate(string path, string body, int port)
    {
        var kind = Kinds[random.Next(Kinds.Length)];
        var bytes = Encoding.UTF8.GetBytes(body);
        var method = "POST";
        var contentType = "application/json";
        string? lengthHeader = null;
        var framing = false;
        switch (kind)
        {
            case "bitflip":
                for (var i = random.Next(1, 9); i > 0; i--)
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                break;
            case "truncate":
                bytes = bytes[..random.Next(bytes.Length)];
                break;
            case "swap":
                bytes = Encoding.UTF8.GetBytes(SwapValues(body));
                break;
            case "type":
            case "huge-number":
                bytes = Encoding.UTF8.GetBytes(ReplaceValue(body, kind == "huge-number"
                    ? Values[random.Next(4, 11)]
                    : Values[random.Next(Values.Length)]));
                break;
            case "unicode":
                bytes = Encoding.UTF8.GetBytes(body.Insert(random.Next(body.Length), RandomUnicode()));
                break;
            case "invalid-utf8":
                bytes = [.. bytes[..(bytes.Length / 2)], 0xC3, 0x28, 0xFF, 0xFE, .. bytes[(bytes.Length / 2)..]];
                break;
            case "duplicate-key":
                bytes = Encoding.UTF8.GetBytes(DuplicateFirstKey(body));
                break;
            case "extra-key":
                bytes = Encoding.UTF8.GetBytes("{\"zz\":" + Values[random.Next(Values.Length)] + "," + body[1..]);
                break;
            case "drop-key":
                bytes = Encoding.UTF8.GetBytes(DropFirstKey(body));
                break;
            case "nesting":
                var depth = random.Next(10, 2000);
                bytes = Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));
                break;
            case "empty":
                bytes = [];
                break;
            case "garbage":
                bytes = new byte[random.Next(0, 300)];
                random.NextBytes(bytes);
                break;
            case "random-path":
                path = RandomPath(path);
                break;
            case "wrong-method":
                method = new[] { "GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS" }[random.Next(6)];
                break;
            case "content-type":
                contentType = new[] { "text/plain", "application/xml", "multipart/form-data", "application/json; charset=ebcdic", "application/jsonx", "", ";;;", "application/x-www-form-urlencoded" }[random.Next(8)];
                break;
            case "no-length":
                lengthHeader = "";
                break;
            case "chunked":
                lengthHeader = $"Transfer-Encoding: chunked\r\n";
                bytes = [.. Encoding.ASCII.GetBytes($"{bytes.Length:x}\r\n"), .. bytes, .. "\r\n0\r\n\r\n"u8];
                break;
            case "length-short":
                framing = true;
                lengthHeader = $"Content-Length: {random.Next(0, Math.Max(1, bytes.Length))}\r\n";
                break;
            case "length-long":
                framing = true;
                lengthHeader = $"Content-Length: {bytes.Length + random.Next(1, 100)}\r\n";
                break;
            case "length-bad":
                framing = true;
                lengthHeader = $"Content-Length: {new[] { "-1", "abc", "99999999999999999999", "1 2", "0x10", "" }[random.Next(6)]}\r\n";
                break;
            case "oversize":
                var big = new byte[random.Next(3000, 200_000)];
                Array.Fill(big, (byte)' ');
                bytes = [.. bytes, .. big];
                break;
        }

        var head = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n");
        if (kind != "content-type" || contentType.Length > 0)
            head.Append($"Content-Type: {contentType}\r\n");
        head.Append(lengthHeader ?? $"Content-Length: {bytes.Length}\r\n");
        head.Append("\r\n");
        return ([.. Encoding.ASCII.GetBytes(head.ToString()), .. bytes], framing, kind, method == "HEAD");
    }

    private string RandomPath(string path)
    {
        return random.Next(6) switch
        {
            0 => "/" + RandomToken(random.Next(0, 40)),
            1 => path + "/" + RandomToken(5),
            2 => path.ToUpperInvariant(),
            3 => "//" + path.TrimStart('/'),
            4 => path + "?x=" + RandomToken(10) + "%00%ff",
            _ => "/" + new string('a', random.Next(100, 6000)),
        };
    }

    private string RandomToken(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_-.%~";
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }

    private string RandomUnicode() =>
        new[] { "é", "漢", "🙂", "\u0000", "\u200B", "\uFEFF", "\\u0041", "\\ud83d\\ude00", "\u202E", "\"" }[random.Next(10)];

    // Values are found naively (the bodies are flat or one level deep, with string and number values).
    private static List<(int Start, int Length)> ValueSpans(string body)
    {
        var spans = new List<(int, int)>();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != ':')
                continue;
            var start = i + 1;
            if (start < body.Length && body[start] == '{')
                continue;
            var end = start;
            if (end < body.Length && body[end] == '"')
                end = body.IndexOf('"', end + 1) + 1;
            else
                while (end < body.Length && body[end] is not (',' or '}'))
                    end++;
            spans.Add((start, end - start));
        }

        return spans;
    }

    private string ReplaceValue(string body, string value)
    {
        var spans = ValueSpans(body);
        if (spans.Count == 0)
            return body;
        var (start, length) = spans[random.Next(spans.Count)];
        return body[..start] + value + body[(start + length)..];
    }

    private string SwapValues(string body)
    {
        var spans = ValueSpans(body);
        if (spans.Count < 2)
            return ReplaceValue(body, "\"" + body + "\"".Replace("\"", "\\\"", StringComparison.Ordinal));
        var a = spans[random.Next(spans.Count)];
        var b = spans[random.Next(spans.Count)];
        if (a.Start > b.Start)
            (a, b) = (b, a);
        if (a == b)
            return body;
        var first = body.Substring(a.Start, a.Length);
        var second = body.Substring(b.Start, b.Length);
        return body[..a.Start] + second + body[(a.Start + a.Length)..b.Start] + first + body[(b.Start + b.Length)..];
    }

    private static string DuplicateFirstKey(string body)
    {
        var colon = body.IndexOf(':');
        var end = body.IndexOf(',', colon);
        if (end < 0)
            end = body.LastIndexOf('}');
        var member = body[1..end];
        return "{" + member + "," + body[1..];
    }

    private static string DropFirstKey(string body)
    {
        var comma = body.IndexOf(',');
        return comma < 0 ? "{}" : "{" + body[(comma + 1)..];
    }
}
