using System.Security.Cryptography;
using NBitcoin;
using Teos.Grains.Appointments;
using Teos.Grains.Locators;
using Teos.Grains.Trackers;
using Teos.Protocol.Bitcoin;

namespace Teos.Storage.Tests.Builders;

/// <summary>Small, distinct transactions (segwit by default, so witness round-trips are checked) and trackers.</summary>
public static class TestTransactions
{
    public static Transaction Random(bool witness = true)
    {
        var transaction = BitcoinWire.Factory.CreateTransaction();
        transaction.Version = 2;
        var input = new TxIn(new OutPoint(RandomTxid(), 0)) { Sequence = 0xfffffffd };
        if (witness)
            input.WitScript = new WitScript([RandomNumberGenerator.GetBytes(72), RandomNumberGenerator.GetBytes(33)]);
        transaction.Inputs.Add(input);
        transaction.Outputs.Add(new TxOut(Money.Satoshis(10_000), Script.FromBytesUnsafe(RandomNumberGenerator.GetBytes(22))));
        return transaction;
    }

    public static uint256 RandomTxid() => new(RandomNumberGenerator.GetBytes(32));

    public static IReadOnlyList<TransactionLocators> Block(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => TransactionLocators.Of(RandomTxid()))];

    public static Tracker TrackerFor(Appointment appointment, TrackerStatus status, bool reorged = false) =>
        new(appointment.Uuid, appointment.UserId, Random(), Random(), status, reorged);
}
