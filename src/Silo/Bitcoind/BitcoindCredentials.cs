using System.Net;
using NBitcoin.RPC;

namespace Teos.Silo.Bitcoind;

/// <summary>
/// How teosd authenticates to bitcoind: user and password, or bitcoind's cookie file, which bitcoind rewrites with a
/// new random password every time it starts. NBitcoin's client reads the cookie itself, and reads it again when
/// bitcoind refuses it; this class only checks that the file is there and well formed, so teosd can tell "bitcoind
/// has not written its cookie yet" (retried like an unreachable node) from "bitcoind refuses these credentials".
/// </summary>
public sealed class BitcoindCredentials
{
    private readonly string? _cookiePath;
    private readonly NetworkCredential? _userPassword;

    private BitcoindCredentials(string? cookiePath, NetworkCredential? userPassword)
    {
        _cookiePath = cookiePath;
        _userPassword = userPassword;
    }

    public static BitcoindCredentials FromOptions(BitcoindOptions options) =>
        options.UsesCookie ? new(options.CookiePath(), null) : new(null, new NetworkCredential(options.RpcUser, options.RpcPassword));

    public bool UsesCookie => _cookiePath is not null;

    /// <exception cref="BitcoindCookieException">The cookie file is missing or malformed.</exception>
    public RPCCredentialString ForRpcClient()
    {
        if (_cookiePath is null)
            return new RPCCredentialString { UserPassword = _userPassword };
        CheckCookie();
        return new RPCCredentialString { CookieFile = _cookiePath };
    }

    /// <exception cref="BitcoindCookieException">The cookie file is missing or malformed.</exception>
    public void CheckCookie()
    {
        if (_cookiePath is null)
            return;
        string content;
        try
        {
            content = File.ReadAllText(_cookiePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BitcoindCookieException($"Cannot read bitcoind's cookie file {_cookiePath} (btc_rpc_cookie): {e.Message}", e);
        }

        if (!content.Contains(':', StringComparison.Ordinal))
            throw new BitcoindCookieException($"bitcoind's cookie file {_cookiePath} does not hold 'user:password'");
    }
}
