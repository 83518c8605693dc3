// Placeholder entry point until the teosd host lands (issue 4): it prints the usage.
Console.WriteLine("""
    teosd: The Eye of Satoshi watchtower (Teos silo)

    Usage: teosd [options]
      --datadir <dir>          data directory (default ~/.teos)
      --btcnetwork <network>   mainnet | testnet | signet | regtest (default mainnet)
      --btcrpcuser <user>      bitcoind RPC user
      --btcrpcpassword <pw>    bitcoind RPC password
      --btcrpccookie <path>    bitcoind cookie file (instead of user/password)
      --btcrpcconnect <host>   bitcoind host (default localhost)
      --btcrpcport <port>      bitcoind RPC port (default: network's)
      --apibind <addr>         public API bind address (default 127.0.0.1)
      --apiport <port>         public API port (default 9814)
    """);
