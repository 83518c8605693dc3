using System.Diagnostics;
using Teos.Protocol.Appointments;
using Teos.Protocol.Receipts;
using Teos.Protocol.Signing;

namespace Teos.LoadGen.Load;

/// <summary>
/// The cryptographic limit of DESIGN.md 5: (one signer recovery of an add_appointment signature + one receipt
/// signature) pairs per second with libsecp256k1 on all cores, measured for a fixed duration.
/// </summary>
public static class CryptoLimit
{
    /// <summary>Pairs per second (wall clock, all cores), and CPU microseconds one pair costs this process.</summary>
    public static (double PerSecond, double CpuMicrosPerPair) Measure(TimeSpan duration)
    {
        if (!NativeSecp256k1Engine.TryCreate(out var engine))
            throw new InvalidOperationException("libsecp256k1 not found: the crypto limit is defined on the native engine");
        var signer = new LightningMessageSigner(engine!);
        var blob = new byte[300];
        new Random(7).NextBytes(blob);
        var appointment = AppointmentSerialization.Serialize(Locator.FromBytes(new byte[16]), blob, 42);
        var userSignature = signer.Sign(SecretKey.Generate(engine), appointment);
        var towerKey = SecretKey.Generate(engine);
        var receipt = new AppointmentReceipt(userSignature, 800_000).Serialize();

        var threads = Environment.ProcessorCount;
        var counts = new long[threads];
        var cpuBefore = ProcessCpu.Read(Environment.ProcessId);
        var clock = Stopwatch.StartNew();
        var deadline = duration;
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var recovered = new byte[PublicKey.Size];
            long n = 0;
            while ((n & 63) != 0 || clock.Elapsed < deadline)
            {
                if (!signer.TryRecover(appointment, userSignature, recovered, out _))
                    throw new InvalidOperationException("recovery failed");
                _ = signer.Sign(towerKey, receipt);
                n++;
            }

            counts[t] = n;
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        var elapsed = clock.Elapsed;
        var cpu = ProcessCpu.Read(Environment.ProcessId) - cpuBefore;
        return (counts.Sum() / elapsed.TotalSeconds, cpu.TotalMilliseconds * 1000 / counts.Sum());
    }
}
