using NBitcoin;
using Teos.Protocol.Appointments;
using Teos.Protocol.Profiles;

namespace Teos.Grains.Locators;

/// <summary>Every locator a connected block can breach, with the dispute transaction behind each.</summary>
public sealed class BlockLocators
{
    private readonly Dictionary<(Locator, ClientProfile), Transaction> _disputes = new();

    public BlockLocators(Block block)
    {
        foreach (var tx in block.Transactions)
        {
            var locators = TransactionLocators.Of(tx.GetHash());
            Transactions.Add(locators);
            _disputes.TryAdd((locators.Rust, ClientProfile.Rust), tx);
            _disputes.TryAdd((locators.Python, ClientProfile.Python), tx);
        }
    }

    public List<TransactionLocators> Transactions { get; } = [];

    public IReadOnlyCollection<Locator> RustLocators => Transactions.Select(t => t.Rust).ToArray();

    public IReadOnlyCollection<Locator> PythonLocators => Transactions.Select(t => t.Python).ToArray();

    public Transaction? DisputeFor(Locator locator, ClientProfile profile) =>
        _disputes.GetValueOrDefault((locator, profile));
}
