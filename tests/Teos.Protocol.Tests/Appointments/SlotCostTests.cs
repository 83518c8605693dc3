using Teos.Protocol.Appointments;
using Teos.TestSupport;
using Xunit;

namespace Teos.Protocol.Tests.Appointments;

public class SlotCostTests
{
    public static IEnumerable<object[]> Rows => SpecVectors.Rows("slots");

    [Theory]
    [MemberData(nameof(Rows))]
    public void Slots_are_ceil_of_length_over_2048(VectorRow row) =>
        Assert.Equal((uint)row.Num("slots"), SlotCost.Of(checked((int)row.Num("encrypted_blob_len"))));

    [Fact]
    public void The_largest_length_does_not_overflow() =>
        Assert.Equal((uint)((int.MaxValue + 2047L) / 2048), SlotCost.Of(int.MaxValue));
}
