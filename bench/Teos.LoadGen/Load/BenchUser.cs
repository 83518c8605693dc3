using System.Security.Cryptography;
using System.Text;
using Teos.Protocol.Signing;
using Teos.Protocol.Users;

namespace Teos.LoadGen.Load;

/// <summary>A tower user of the benchmarks: a key derived from (seed, index), so a dataset's users can be re-derived.</summary>
public sealed class BenchUser
{
    private BenchUser(int index, SecretKey key)
    {
        Index = index;
        Key = key;
        Id = new UserId(key.PublicKey);
        IdHex = Id.ToHex();
    }

    public int Index { get; }

    public SecretKey Key { get; }

    public UserId Id { get; }

    public string IdHex { get; }

    public static BenchUser Derive(string seed, int index)
    {
        // SHA256 output is a valid secp256k1 scalar with overwhelming probability; counter past the rare miss.
        for (var attempt = 0; ; attempt++)
        {
            var bytes = SHA256.HashData(Encoding.ASCII.GetBytes($"{seed}/{index}/{attempt}"));
            if (SecretKey.TryFromBytes(bytes, out var key, out _))
                return new BenchUser(index, key!);
        }
    }

    public static BenchUser[] DeriveMany(string seed, int count)
    {
        var users = new BenchUser[count];
        Parallel.For(0, count, i =>
        {
            users[i] = Derive(seed, i);
            _ = users[i].IdHex;
        });
        return users;
    }
}
