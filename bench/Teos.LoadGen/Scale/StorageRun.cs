using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Teos.LoadGen.Data;
using Teos.LoadGen.Processes;
using Teos.Protocol.Appointments;
using Teos.Storage.Hosting;
using Teos.Storage.Postgres;
using Teos.Storage.Sqlite;

namespace Teos.LoadGen.Scale;

/// <summary>
/// `storage`: the store's bytes on disk per appointment (DESIGN.md section 5: at most 1.5 x the payload), without
/// teosd: the store's own entry point makes the schema, the bulk loader fills it with N appointments (as `scale`
/// does), and the store's size on disk (SQLite: file + WAL; PostgreSQL: the database) is divided by N.
/// </summary>
public static class StorageRun
{
    public static async Task<int> RunAsync(Options options, BackendFactory backends)
    {
        var counts = options.StrOrNull("counts") is null ? [(long)options.Double("appointments", 1e6)] : options.Longs("counts", "");
        var root = options.StrOrNull("workdir");
        options.EnsureAllUsed();
        var summaries = new List<string>();
        foreach (var count in counts)
            summaries.Add(await RunOneAsync(count, root, backends));
        foreach (var summary in summaries)
            Console.WriteLine(summary);
        return 0;
    }

    private static async Task<string> RunOneAsync(long count, string? root, BackendFactory backends)
    {
        using var dir = new TempDir(root, $"teos-storage-{count}");
        var backend = await backends.FreshAsync();
        var store = StoreFiles.For(dir.Path, backend);
        var schema = new StorageOptions { ExpiryDelta = Dataset.ExpiryDelta };
        TeosStorage created = backend.IsPostgres
            ? await PostgresStorage.OpenAsync(backend.ConnectionString!, schema, NullLogger.Instance, CancellationToken.None)
            : SqliteStorage.Open(((SqliteStoreFiles)store).DbPath, schema, NullLogger.Instance);
        await created.DisposeAsync();
        Console.WriteLine($"== {backend.Name}, {count:N0} appointments, schema made by the store; loading");

        await store.LoadAsync(Dataset.Create(count, breaches: 0), height: 100);
        var storeBytes = await store.SizeBytesAsync();

        // Every field at its binary size; the signature's 104 zbase32 characters are 65 bytes.
        var payload = Locator.Size + Dataset.BlobSize + 65 + 4;
        var perAppointment = (double)storeBytes / count;
        var name = string.Create(CultureInfo.InvariantCulture, $"{backend.Name} {count:0e0}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"disk {name}: {storeBytes:N0} bytes, {perAppointment:F0} bytes/appointment = {perAppointment / payload:F2} x payload ({payload} B: locator 16 + blob {Dataset.BlobSize} + signature 65 + delay 4)"));
        await backends.DropAsync(backend);
        return string.Create(CultureInfo.InvariantCulture, $"storage {name}: {perAppointment:F0} B/appointment ({perAppointment / payload:F2} x)");
    }
}
