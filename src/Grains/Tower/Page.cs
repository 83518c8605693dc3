namespace Teos.Grains.Tower;

/// <summary>One page of an operator listing, in key order; <see cref="HasMore"/> says whether a next page exists.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, bool HasMore);
