using System.Security.Cryptography;
using Teos.Grains.Appointments;
using Teos.Grains.Locators;
using Teos.Grains.Trackers;
using Teos.Protocol.Bitcoin;

namespace Teos.Storage.Tests.Builders;

/// <summary>Small, distinct transactions (segwit by default, so witness round-trips are checked) and trackers.</summary>
public static class TestTransactions
{
    public static Transaction Random(bool witness = true) => new(
        2,
        [new TxIn(new OutPoint(RandomTxid(), 0), [], 0xfffffffd, witness ? [RandomNumberGenerator.GetBytes(72), RandomNumberGenerator.GetBytes(33)] : null)],
        [new TxOut(10_000, RandomNumberGenerator.GetBytes(22))],
        0);

    public static Txid RandomTxid() => Txid.FromInternal(RandomNumberGenerator.GetBytes(Txid.Size));

    public static IReadOnlyList<TransactionLocators> Block(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => TransactionLocators.Of(RandomTxid()))];

    public static Tracker TrackerFor(Appointment appointment, TrackerStatus status, bool reorged = false) =>
        new(appointment.Uuid, appointment.UserId, Random(), Random(), status, reorged);
}
