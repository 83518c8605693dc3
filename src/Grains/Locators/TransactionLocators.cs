using NBitcoin;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;

namespace Teos.Grains.Locators;

/// <summary>
/// The two locators a transaction can be watched under: rust-teos clients use the internal-order prefix of the
/// txid, python-teos clients the display-order prefix (spec 9). Appointments only match their own profile's.
/// </summary>
public sealed record TransactionLocators(uint256 Txid, Locator Rust, Locator Python)
{
    public static TransactionLocators Of(uint256 txid) =>
        new(txid, Locator.FromTxid(txid, ClientProfile.Rust), Locator.FromTxid(txid, ClientProfile.Python));

    public Locator For(ClientProfile profile) => profile == ClientProfile.Python ? Python : Rust;
}
