using System.Net.Http.Headers;
using System.Text;

namespace Teos.Silo.Bitcoind;

/// <summary>
/// The basic-auth header for bitcoind: from user and password, or from the cookie file, which bitcoind rewrites
/// with a new random password every time it starts.
/// </summary>
public sealed class BitcoindCredentials
{
    private readonly string? _cookiePath;
    private readonly Lock _gate = new();
    private AuthenticationHeaderValue? _header;

    private BitcoindCredentials(string? cookiePath, AuthenticationHeaderValue? header)
    {
        _cookiePath = cookiePath;
        _header = header;
    }

    public static BitcoindCredentials FromOptions(BitcoindOptions options) =>
        options.UsesCookie ? FromCookieFile(options.CookiePath()) : FromUserPassword(options.RpcUser, options.RpcPassword);

    public static BitcoindCredentials FromUserPassword(string user, string password) => new(null, Basic($"{user}:{password}"));

    /// <summary>The cookie is read on first use, so teosd may start before bitcoind has written it.</summary>
    public static BitcoindCredentials FromCookieFile(string path) => new(path, null);

    public bool CanReload => _cookiePath is not null;

    /// <exception cref="BitcoindCookieException">The cookie file is missing or malformed.</exception>
    public AuthenticationHeaderValue Current()
    {
        lock (_gate)
            return _header ??= ReadCookie();
    }

    /// <summary>Re-reads the cookie file; true when it now holds other credentials than <paramref name="rejected"/>.</summary>
    public bool Reload(AuthenticationHeaderValue rejected)
    {
        if (_cookiePath is null)
            return false;
        lock (_gate)
        {
            _header = ReadCookie();
            return _header.Parameter != rejected.Parameter;
        }
    }

    private AuthenticationHeaderValue ReadCookie()
    {
        string content;
        try
        {
            content = File.ReadAllText(_cookiePath!).Trim();
        }
        catch (IOException e)
        {
            throw new BitcoindCookieException($"Cannot read bitcoind's cookie file {_cookiePath} (btc_rpc_cookie): {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new BitcoindCookieException($"Cannot read bitcoind's cookie file {_cookiePath} (btc_rpc_cookie): {e.Message}", e);
        }

        if (!content.Contains(':', StringComparison.Ordinal))
            throw new BitcoindCookieException($"bitcoind's cookie file {_cookiePath} does not hold 'user:password'");
        return Basic(content);
    }

    private static AuthenticationHeaderValue Basic(string userPassword) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userPassword)));
}
