namespace Teos.EndToEnd.Tests.Scenarios;

/// <param name="Config">Lines of teos.toml written before the first start.</param>
/// <param name="InitialBlocks">Height of the simulator's chain when the tower first starts.</param>
/// <param name="TowerKeyHex">A tower key to use instead of a generated one.</param>
public sealed record TowerSetup(string[] Config, int InitialBlocks = 110, string? TowerKeyHex = null);
