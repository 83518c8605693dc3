namespace Teos.Storage;

/// <summary>The appointment columns both backends select for an <c>AppointmentState</c>, in its rows' Read order.</summary>
internal static class AppointmentColumns
{
    /// <summary>For appointments <c>a</c> joined to their owners <c>u</c> (<see cref="OwnerJoin"/>): a row keeps its owner's integer key.</summary>
    public const string State =
        "a.locator, a.encrypted_blob, a.to_self_delay, a.user_signature, a.start_block, u.user_id, a.profile, a.triggered";

    public const string OwnerJoin = "JOIN users u ON u.user_key = a.user_key";
}
