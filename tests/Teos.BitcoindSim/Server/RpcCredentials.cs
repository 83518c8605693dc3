using System.Security.Cryptography;
using System.Text;

namespace Teos.BitcoindSim.Server;

/// <summary>The basic-auth values the simulator accepts: rpcuser/rpcpassword and the current cookie.</summary>
internal sealed class RpcCredentials
{
    private const string CookieUser = "__cookie__";

    private readonly string? _userPassword;
    private readonly string? _cookiePath;
    private volatile string? _cookie;

    public RpcCredentials(BitcoindSimOptions options)
    {
        _cookiePath = options.CookiePath;
        if (options.RpcUser is not null || options.RpcPassword is not null)
            _userPassword = Encode($"{options.RpcUser}:{options.RpcPassword}");
        else if (_cookiePath is null)
            _userPassword = Encode("user:pass");
    }

    /// <summary>Writes a new cookie file with a fresh random password; the old one stops working.</summary>
    public void RotateCookie()
    {
        if (_cookiePath is null)
            throw new InvalidOperationException("The simulator was started without a cookie path");
        var content = $"{CookieUser}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_cookiePath))!);
        // Write then rename, so a reader never sees a half-written cookie.
        var temporary = _cookiePath + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, _cookiePath, overwrite: true);
        _cookie = Encode(content);
    }

    public bool Accepts(string? authorization)
    {
        const string prefix = "Basic ";
        if (authorization is null || !authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            return false;
        var presented = authorization[prefix.Length..].Trim();
        return presented == _userPassword || presented == _cookie;
    }

    private static string Encode(string userPassword) => Convert.ToBase64String(Encoding.UTF8.GetBytes(userPassword));
}
