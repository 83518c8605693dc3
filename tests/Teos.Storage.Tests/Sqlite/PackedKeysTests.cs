using Microsoft.Data.Sqlite;
using Teos.Storage.Sqlite;
using Xunit;

namespace Teos.Storage.Tests.Sqlite;

/// <summary>
/// The non-recursive counter relies on SQLite scanning constant rows in order under CROSS JOIN; this checks it on
/// the SQLite build teosd ships with, across the digit boundaries.
/// </summary>
public sealed class PackedKeysTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public PackedKeysTests() => _connection.Open();

    public void Dispose() => _connection.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(101)]
    [InlineData(10_000)]
    [InlineData(25_001)]
    [InlineData(1_000_001)]
    public void Positions_count_from_zero_in_order(int count)
    {
        var command = _connection.CreateCommand();
        command.CommandText = $"WITH {PackedKeys.Positions("p", "$count")} SELECT i FROM p";
        command.Parameters.AddWithValue("$count", count);
        var positions = new List<long>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                positions.Add(reader.GetInt64(0));
        }

        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), positions);
    }

    [Fact]
    public void Unpack_gives_back_the_packed_keys_in_order()
    {
        var keys = Enumerable.Range(0, 8_001).Select(i => BitConverter.GetBytes(i * 7919L)).ToArray();
        var command = _connection.CreateCommand();
        command.CommandText = $"WITH {PackedKeys.Unpack("k", "$keys", sizeof(long))} SELECT key FROM k";
        command.Parameters.AddWithValue("$keys", PackedKeys.Pack(keys, keys.Length, sizeof(long), static (key, span) => key.CopyTo(span)));
        var unpacked = new List<byte[]>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                unpacked.Add((byte[])reader.GetValue(0));
        }

        Assert.Equal(keys, unpacked);
    }

    [Fact]
    public void An_empty_blob_unpacks_to_no_keys()
    {
        var command = _connection.CreateCommand();
        command.CommandText = $"WITH {PackedKeys.Unpack("k", "$keys", 16)} SELECT count(*) FROM k";
        command.Parameters.AddWithValue("$keys", Array.Empty<byte>());

        Assert.Equal(0L, command.ExecuteScalar());
    }
}
