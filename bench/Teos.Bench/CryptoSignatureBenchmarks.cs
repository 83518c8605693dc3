using BenchmarkDotNet.Attributes;
using Teos.Protocol.Appointments;
using Teos.Protocol.Receipts;
using Teos.Protocol.Signing;

namespace Teos.Bench;

/// <summary>
/// The per-appointment crypto of the tower: recovering the user from the add_appointment signature and signing
/// the receipt, on libsecp256k1 and on the managed fallback. Single-threaded figures (one core).
/// </summary>
[Config(typeof(OperationsPerSecondConfig))]
public class CryptoSignatureBenchmarks
{
    private readonly byte[] _signer = new byte[PublicKey.Size];
    private LightningMessageSigner _native = null!;
    private LightningMessageSigner _managed = null!;
    private SecretKey _towerKey = null!;
    private byte[] _appointment = [];
    private string _userSignature = "";
    private byte[] _receipt = [];

    [GlobalSetup]
    public void Setup()
    {
        if (!NativeSecp256k1Engine.TryCreate(out var native))
            throw new InvalidOperationException("libsecp256k1 not found");
        _native = new LightningMessageSigner(native!);
        _managed = new LightningMessageSigner(new ManagedSecp256k1Engine());

        // A typical appointment: a 300-byte encrypted penalty.
        var blob = new byte[300];
        new Random(1).NextBytes(blob);
        _appointment = AppointmentSerialization.Serialize(Locator.FromBytes(new byte[16]), blob, 144);
        _userSignature = _native.Sign(SecretKey.Generate(native), _appointment);
        _towerKey = SecretKey.Generate(native);
        _receipt = new AppointmentReceipt(_userSignature, 800_000).Serialize();
    }

    [Benchmark]
    public bool RecoverNative() => _native.TryRecover(_appointment, _userSignature, _signer, out _);

    [Benchmark]
    public bool RecoverManaged() => _managed.TryRecover(_appointment, _userSignature, _signer, out _);

    [Benchmark]
    public string SignReceiptNative() => _native.Sign(_towerKey, _receipt);

    [Benchmark]
    public string SignReceiptManaged() => _managed.Sign(_towerKey, _receipt);

    /// <summary>One appointment's worth of crypto (DESIGN.md 5 "cryptographic limit"), per core.</summary>
    [Benchmark]
    public string RecoverAndSignReceiptNative()
    {
        _native.TryRecover(_appointment, _userSignature, _signer, out _);
        return _native.Sign(_towerKey, _receipt);
    }
}
