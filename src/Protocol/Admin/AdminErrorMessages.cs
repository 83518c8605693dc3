namespace Teos.Protocol.Admin;

/// <summary>rust-teos' wording of the admin API's argument errors (spec 5.1), shared by teosd and teos-cli.</summary>
public static class AdminErrorMessages
{
    public const string InvalidLocator = "The provided locator does not match the expected format (16-byte hexadecimal string)";
    public const string InvalidUserId = "Provided public key does not match expected format (33-byte compressed key)";
    public const string UserNotFound = "User not found";
}
