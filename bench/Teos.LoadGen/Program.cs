using Teos.LoadGen;
using Teos.LoadGen.Floor;
using Teos.LoadGen.Load;
using Teos.LoadGen.Processes;
using Teos.LoadGen.Reliability;
using Teos.LoadGen.Scale;

const string Usage = """
    Teos.LoadGen <command> [--option value ...]   (each command but floor starts its own simulator and teosd)

      ingest    load generator + crypto limit; last line `ingest <backend>: N appointments/s, crypto limit M/s, ratio R`
                --users 2000 --per-user 40 --warmup-per-user 10 --connections 64 --blob 300 --crypto-seconds 5
                --compare <teosd.dll of another build>: that build and this tree's alternately, --rounds 2 times each;
                last line `ingest <backend> compare: new R1, old R2 (...), new/old X; ...`
                --silos 2: that many silos on one fresh PostgreSQL database (--backend postgres), the connections
                round-robin over their API ports; --silos 1,2 alternates the counts --rounds times, last line
                `ingest postgres silos 1: X/s, silos 2: Y/s, ratio Y/X (...)`
      scale     bulk-loads N appointments, then block processing (4,000-tx block, 10 breaches), resident memory,
                restart-to-ready and bytes on disk per appointment; --appointments 1e6 [--counts 1e5,1e6,1e7]
      storage   bytes on disk per appointment without teosd: the store makes its schema, the bulk loader fills it;
                --appointments 1e6 [--counts 1e5,1e6]
      crash     kill -9 of teosd under load, restart, every receipt and slot count checked; exits 1 on loss
      failover  two silos on one PostgreSQL: kill -9 (or SIGSTOP) the block feed's silo, mine a block, seconds until a
                survivor processed it; a replacement silo joins after each round; --rounds 5 --mode kill|hang|both;
                last lines `failover kill: median X s, max Y s over N` and `failover hang: ...` (postgres by default)
      fuzz      10^5 mutated requests against the public API; exits 1 on a 5xx, a hang or a crash
      floor     the ingest load against a storage-free HTTP server that only parses, recovers and signs (no teosd,
                no database): the best ratio this stack reaches on this machine; ingest's load options,
                --crypto 0 to leave out the crypto too, --durable 1 to make each request durable in an append-only
                log (group commit) before the answer
    Common: --backend sqlite|postgres  --dbconnect <connection string> (else a throwaway PostgreSQL is started)
            --workdir <dir> (scratch space; default /tmp)
            --pg-options "K=V;K=V" (Npgsql settings appended to teosd's connection string, for experiments)
            --teosd-env K=V[,K=V] (environment for teosd only, e.g. DOTNET_TieredCompilation=0)
    """;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return 0;
}

try
{
    // failover needs a database the silos share: PostgreSQL unless --backend says otherwise.
    var options = new Options(args[0] is "failover" && !args.Contains("--backend") ? ["--backend", "postgres", .. args.Skip(1)] : args.Skip(1));
    if (args[0] is "floor-server")
        return await FloorServer.RunAsync(options);
    foreach (var pair in (options.StrOrNull("teosd-env") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        Teosd.Environment[pair.Split('=')[0]] = pair.Split('=')[1];
    if (args[0] is "floor")
        return await FloorRun.RunAsync(options);
    await using var backend = await BackendFactory.CreateAsync(options);
    return args[0] switch
    {
        "ingest" => await IngestRun.RunAsync(options, backend),
        "scale" => await ScaleRun.RunAsync(options, backend),
        "storage" => await StorageRun.RunAsync(options, backend),
        "crash" => await CrashRun.RunAsync(options, await backend.FreshAsync()),
        "failover" => await FailoverRun.RunAsync(options, await backend.FreshAsync()),
        "fuzz" => await FuzzRun.RunAsync(options, await backend.FreshAsync()),
        _ => throw new ArgumentException($"unknown command '{args[0]}'\n{Usage}"),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
