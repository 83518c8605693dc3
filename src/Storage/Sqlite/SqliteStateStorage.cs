using System.Globalization;
using Orleans.Runtime;
using Orleans.Storage;
using Teos.Storage.Providers;

namespace Teos.Storage.Sqlite;

/// <summary>
/// The "state" provider on SQLite: opaque grain state (trackers, the block feed) as Orleans-serialized payloads in
/// <c>grain_state</c>, one row per grain (its type and key). The row's version is the ETag: a write or clear that
/// does not name the stored version (a stale activation's, or a second first write) changes nothing and fails with
/// <see cref="InconsistentStateException"/>.
/// </summary>
internal sealed class SqliteStateStorage(SqliteAccess access, IGrainStorageSerializer serializer) : CancellableGrainStorage
{
    public override async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var stored = await access.ReadAsync(
            connection =>
            {
                var command = connection.Command("SELECT version, payload FROM grain_state WHERE grain_type = $type AND grain_key = $key");
                AddKey(command.Parameters, grainId);
                using var reader = command.ExecuteReader();
                return reader.Read() ? (Version: reader.GetInt64(0), Payload: Columns.Bytes(reader, 1)) : default((long Version, byte[] Payload)?);
            },
            cancellationToken).ConfigureAwait(false);
        grainState.State = stored is { } row ? serializer.Deserialize<T>(new BinaryData(row.Payload)) : Activator.CreateInstance<T>();
        grainState.ETag = stored?.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = stored is not null;
    }

    public override async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var payload = serializer.Serialize(grainState.State).ToArray();
        var expected = Version(grainState.ETag);
        var written = await access.WriteAsync(
            connection =>
            {
                var command = connection.Command(expected is null
                    ? "INSERT INTO grain_state (grain_type, grain_key, version, payload) VALUES ($type, $key, 1, $payload) ON CONFLICT DO NOTHING"
                    : "UPDATE grain_state SET version = version + 1, payload = $payload WHERE grain_type = $type AND grain_key = $key AND version = $version");
                AddKey(command.Parameters, grainId);
                command.Parameters.AddWithValue("$payload", payload);
                if (expected is { } version)
                    command.Parameters.AddWithValue("$version", version);
                if (command.ExecuteNonQuery() == 0)
                    throw Conflict("write", grainId, grainState.ETag);
                return (expected ?? 0) + 1;
            },
            cancellationToken).ConfigureAwait(false);
        grainState.ETag = written.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public override async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var expected = Version(grainState.ETag);
        await access.WriteAsync(
            connection =>
            {
                var command = connection.Command(
                    "DELETE FROM grain_state WHERE grain_type = $type AND grain_key = $key AND ($version IS NULL OR version = $version)");
                AddKey(command.Parameters, grainId);
                command.Parameters.AddWithValue("$version", (object?)expected ?? DBNull.Value);
                if (command.ExecuteNonQuery() == 0 && expected is not null)
                    throw Conflict("clear", grainId, grainState.ETag);
            },
            cancellationToken).ConfigureAwait(false);
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static void AddKey(Microsoft.Data.Sqlite.SqliteParameterCollection parameters, GrainId grainId)
    {
        parameters.AddWithValue("$type", grainId.Type.ToString());
        parameters.AddWithValue("$key", grainId.Key.ToString());
    }

    private static long? Version(string? etag) =>
        string.IsNullOrEmpty(etag) ? null : long.Parse(etag, NumberStyles.None, CultureInfo.InvariantCulture);

    private static InconsistentStateException Conflict(string operation, GrainId grainId, string? etag) =>
        new($"Version conflict ({operation}) of grain {grainId}: the stored state is not version {etag ?? "(none)"}", "unknown", etag ?? "(none)");
}
