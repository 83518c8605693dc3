using Teos.Grains.Locators;
using Xunit;

namespace Teos.Grains.Tests.Locators;

public class LocatorIndexTests
{
    [Fact]
    public void A_loaded_prefix_is_found_and_an_unknown_one_is_not()
    {
        var index = new LocatorIndex([5, 3, 9, 3]);

        Assert.True(index.Contains(3));
        Assert.False(index.Contains(4));
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public void Additions_are_found_before_and_after_they_are_merged_into_the_sorted_array()
    {
        var index = new LocatorIndex([]);
        var added = Enumerable.Range(0, 10_000).Select(i => (ulong)i * 7_919).ToList();

        foreach (var prefix in added)
            index.Add(prefix);

        Assert.All(added, p => Assert.True(index.Contains(p)));
        Assert.False(index.Contains(1));
        Assert.Equal(added.Count, index.Count);
    }

    [Fact]
    public void Adding_a_prefix_twice_keeps_one()
    {
        var index = new LocatorIndex([42]);

        index.Add(42);
        index.Add(43);
        index.Add(43);

        Assert.Equal(2, index.Count);
    }
}
