using BenchmarkDotNet.Attributes;
using NBitcoin;
using Teos.Protocol.Blobs;

namespace Teos.Bench;

/// <summary>Blob decryption as a breach costs it: key derivation from the dispute txid plus ChaCha20-Poly1305.</summary>
[Config(typeof(OperationsPerSecondConfig))]
public class CryptoBlobBenchmarks
{
    private uint256 _disputeTxid = uint256.Zero;
    private uint256 _otherTxid = uint256.Zero;
    private byte[] _blob = [];
    private byte[] _plaintext = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2);
        var txid = new byte[32];
        random.NextBytes(txid);
        _disputeTxid = new uint256(txid);
        _otherTxid = new uint256(new byte[32]);
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
