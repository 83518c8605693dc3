using Teos.Grains.Users;
using Teos.TestSupport;
using Xunit;

namespace Teos.Grains.Tests.Users;

public class SlotChargeTests
{
    public static IEnumerable<object[]> SlotUpdates => SpecVectors.Rows("slot_updates");

    [Theory]
    [MemberData(nameof(SlotUpdates))]
    public void Slot_updates_follow_the_vectors(VectorRow row)
    {
        var entry = row.Entry;
        int? existing = entry.GetProperty("existing_blob_len").ValueKind == System.Text.Json.JsonValueKind.Null
            ? null
            : entry.GetProperty("existing_blob_len").GetInt32();

        var after = SlotCharge.Apply((uint)row.Num("available_slots_before"), existing, (int)row.Num("new_blob_len"));

        Assert.Equal(entry.GetProperty("accepted").GetBoolean(), after is not null);
        Assert.Equal((uint)row.Num("available_slots_after"), after ?? (uint)row.Num("available_slots_before"));
    }

    [Fact]
    public void An_update_to_a_smaller_blob_refunds_the_difference() =>
        Assert.Equal(7u, SlotCharge.Apply(5, 4_097, 10));
}
