namespace Teos.Grains.Users;

/// <summary>How an appointment leaves its owner's books (spec 4.5).</summary>
public enum ReleaseKind
{
    /// <summary>Its tracker completed: the row goes and its slots come back.</summary>
    Refund,

    /// <summary>Invalid blob or rejected penalty: the row goes, its slots stay spent.</summary>
    Burn,
}
