using System.Globalization;
using System.Text.RegularExpressions;

namespace Teos.LoadGen.Processes;

/// <summary>teosd's per-block line: "Block {height} {hash}: {n} txs, {breaches} breaches, ... in {ms} ms".</summary>
public sealed partial record BlockLine(int Height, int Transactions, int Breaches, int NewTrackers, double Milliseconds)
{
    public static BlockLine? TryParse(string line)
    {
        var match = Pattern().Match(line);
        if (!match.Success)
            return null;
        int Int(int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        return new BlockLine(Int(1), Int(2), Int(3), Int(4), double.Parse(match.Groups[5].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"Block (\d+) [0-9a-f]{64}: (\d+) txs, (\d+) breaches, (\d+) new trackers, .* in ([0-9.]+) ms")]
    private static partial Regex Pattern();
}
