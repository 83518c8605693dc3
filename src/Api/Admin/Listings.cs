using Google.Protobuf.Collections;
using Teos.Grains.Tower;

namespace Teos.Api.Admin;

/// <summary>
/// Turns <see cref="TowerAdministration"/>'s key-ordered pages into gRPC answers that never pass
/// <see cref="MessageBudget.MaxMessageSize"/>: rust-teos' whole listings, or Teos' pages.
/// </summary>
internal static class Listings
{
    /// <summary>
    /// A rust-teos listing: every page to the end into <paramref name="into"/>, or RESOURCE_EXHAUSTED naming
    /// <paramref name="pagedCall"/> as soon as the answer would pass the limit (never a truncated answer).
    /// </summary>
    /// <param name="nextPage">Fetches the page after the given one (null: the first).</param>
    /// <param name="reserved">The encoded size of the answer's other fields.</param>
    public static async Task CollectAsync<TRow, TItem>(
        RepeatedField<TItem> into,
        Func<Page<TRow>?, Task<Page<TRow>>> nextPage,
        Func<TRow, TItem> toItem,
        Func<TItem, int> sizeOf,
        string pagedCall,
        int reserved = 0)
    {
        var budget = new MessageBudget(reserved);
        Page<TRow>? page = null;
        do
        {
            page = await nextPage(page);
            foreach (var row in page.Items)
            {
                var item = toItem(row);
                if (!budget.TryAdd(sizeOf(item)))
                    throw AdminStatus.TooLarge(pagedCall);
                into.Add(item);
            }
        }
        while (page.HasMore);
    }

    /// <summary>
    /// A Teos page: the rows of <paramref name="page"/> that fit the limit, at least one so paging always moves on.
    /// </summary>
    /// <param name="reserved">The encoded size of the answer's other fields, its <c>next</c> cursor included.</param>
    /// <returns>Whether rows remain after the last one added, whose key is then the next cursor.</returns>
    public static bool Fit<TRow, TItem>(
        Page<TRow> page, RepeatedField<TItem> into, Func<TRow, TItem> toItem, Func<TItem, int> sizeOf, int reserved)
    {
        var budget = new MessageBudget(reserved);
        foreach (var row in page.Items)
        {
            var item = toItem(row);
            if (!budget.TryAdd(sizeOf(item)) && into.Count > 0)
                return true;
            into.Add(item);
        }

        return page.HasMore;
    }
}
