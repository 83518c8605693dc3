using Teos.LoadGen.Load;
using Teos.Protocol.Appointments;

namespace Teos.LoadGen.Data;

/// <summary>
/// A generated tower population: users (10,000 slots each, 1,000 appointments per user), random 16-byte locators
/// and 300-byte blobs, uuid = RIPEMD160(locator || user_id) as the tower computes it, plus breach channels whose
/// blobs decrypt to real penalties. Rows are generated in deterministic chunks, on all cores.
/// </summary>
public sealed class Dataset
{
    public const int PerUser = 1000;
    public const int BlobSize = 300;
    public const uint ToSelfDelay = 42;
    public const uint Slots = 10_000;
    public const int ChunkSize = 50_000;

    /// <summary>teosd's default subscription duration and expiry_delta, for the users' rows the loaders write.</summary>
    public const uint SubscriptionDuration = 4320;
    public const uint ExpiryDelta = 6;

    private Dataset(long count, BenchUser[] users, string[] signatures, BreachChannel[] breaches)
    {
        Count = count;
        Users = users;
        UserSignatures = signatures;
        Breaches = breaches;
    }

    public long Count { get; }

    public BenchUser[] Users { get; }

    /// <summary>One real signature per user (over its first appointment), stored on all its rows.</summary>
    public string[] UserSignatures { get; }

    public BreachChannel[] Breaches { get; }

    public int ChunkCount => (int)((Count + ChunkSize - 1) / ChunkSize);

    public static Dataset Create(long count, int breaches)
    {
        var users = BenchUser.DeriveMany($"dataset-{Guid.NewGuid():N}", (int)((count + PerUser - 1) / PerUser));
        var dataset = new Dataset(count, users, new string[users.Length],
            Enumerable.Range(0, breaches).Select(i => BreachChannel.Create(i % users.Length)).ToArray());
        Parallel.For(0, users.Length, u =>
        {
            var first = dataset.Row(u);
            dataset.UserSignatures[u] = Requests.Signer.Sign(users[u].Key,
                AppointmentSerialization.Serialize(Locator.FromBytes(first.Locator), first.Blob, ToSelfDelay));
        });
        return dataset;
    }

    public int UserOf(long row) => (int)(row % Users.Length);

    /// <summary>User <paramref name="user"/>'s row key in the users table: 1, 2, … as a fresh tower draws them.</summary>
    public static int UserKey(int user) => user + 1;

    public static uint ExpiryOf(uint registeredAt) => registeredAt + SubscriptionDuration;

    /// <summary>What the user grain's rule core stores for such a user: its expiry plus expiry_delta.</summary>
    public static long DeletionHeightOf(uint registeredAt) => (long)ExpiryOf(registeredAt) + ExpiryDelta;

    /// <summary>Appointments held by user <paramref name="user"/>.</summary>
    public int CountOf(int user) => (int)(Count / Users.Length + (user < Count % Users.Length ? 1 : 0));

    /// <summary>Row <paramref name="index"/>: the first rows are the breach channels, the rest random.</summary>
    public AppointmentRow Row(long index)
    {
        var user = UserOf(index);
        byte[] locator;
        byte[] blob;
        if (index < Breaches.Length && Breaches[index].UserIndex == user)
        {
            locator = Breaches[index].Locator.ToArray();
            blob = Breaches[index].Blob;
        }
        else
        {
            var random = new Random(unchecked((int)(index * 2_654_435_761L)));
            locator = new byte[Locator.Size];
            random.NextBytes(locator);
            blob = new byte[BlobSize];
            random.NextBytes(blob);
        }

        return new AppointmentRow(user, AppointmentUuid.Compute(Locator.FromBytes(locator), Users[user].Id).ToArray(), locator, blob);
    }

    public AppointmentRow[] Chunk(int chunk)
    {
        var start = (long)chunk * ChunkSize;
        var rows = new AppointmentRow[(int)Math.Min(ChunkSize, Count - start)];
        for (var i = 0; i < rows.Length; i++)
            rows[i] = Row(start + i);
        return rows;
    }

    /// <summary>Chunks generated ahead on the thread pool, handed over in order.</summary>
    public IEnumerable<AppointmentRow[]> Chunks(int ahead = 4)
    {
        var pending = new Queue<Task<AppointmentRow[]>>();
        var next = 0;
        while (next < ChunkCount || pending.Count > 0)
        {
            while (next < ChunkCount && pending.Count < ahead)
            {
                var chunk = next++;
                pending.Enqueue(Task.Run(() => Chunk(chunk)));
            }

            yield return pending.Dequeue().GetAwaiter().GetResult();
        }
    }
}
