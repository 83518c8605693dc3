using BenchmarkDotNet.Attributes;
using Teos.Protocol.Bitcoin;
using Teos.Protocol.Blobs;

namespace Teos.Bench;

/// <summary>Blob decryption as a breach costs it: key derivation from the dispute txid plus ChaCha20-Poly1305.</summary>
[Config(typeof(OperationsPerSecondConfig))]
public class CryptoBlobBenchmarks
{
    private Txid _disputeTxid;
    private Txid _otherTxid;
    private byte[] _blob = [];
    private byte[] _plaintext = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2);
        var txid = new byte[32];
        random.NextBytes(txid);
        _disputeTxid = Txid.FromInternal(txid);
        _otherTxid = Txid.FromInternal(new byte[32]);
        var penalty = new byte[300];
        random.NextBytes(penalty);
        _blob = BlobCipher.Encrypt(BlobKey.For(_disputeTxid), penalty);
        _plaintext = new byte[penalty.Length];
    }

    [Benchmark]
    public bool DecryptBlob() => BlobCipher.TryDecrypt(BlobKey.For(_disputeTxid), _blob, _plaintext, out _);

    [Benchmark]
    public bool DecryptBlobWithWrongKey() => BlobCipher.TryDecrypt(BlobKey.For(_otherTxid), _blob, _plaintext, out _);
}
