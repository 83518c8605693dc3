using Teos.Protocol.Signing;
using Teos.Protocol.Tests.Support;
using Xunit;

namespace Teos.Protocol.Tests.Signing;

/// <summary>One engine instance serves every request thread of the tower.</summary>
public class EngineConcurrencyTests
{
    [Theory]
    [MemberData(nameof(TestEngines.All), MemberType = typeof(TestEngines))]
    public void Parallel_signing_and_recovery_give_the_sequential_results(string engine)
    {
        var signer = TestEngines.Signer(engine);
        var keys = Enumerable.Range(1, 8).Select(i => SecretKey.ParseHex(i.ToString("x64"), signer.Engine)).ToArray();
        var count = engine == TestEngines.Native ? 2000 : 200;

        var failures = 0;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var key = keys[i % keys.Length];
            var message = BitConverter.GetBytes(i);
            var signature = signer.Sign(key, message);
            if (!signer.TryRecover(message, signature, out PublicKey recovered, out _) || recovered != key.PublicKey)
                Interlocked.Increment(ref failures);
        });

        Assert.Equal(0, failures);
    }
}
