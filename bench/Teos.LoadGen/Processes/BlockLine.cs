using System.Globalization;
using System.Text.RegularExpressions;

namespace Teos.LoadGen.Processes;

/// <summary>
/// teosd's per-block line. On grains: "Block {height} {hash}: {n} txs, {outdated} users outdated, {triggered}
/// breaches answered, ... in {ms} ms", each answered breach starting one tracker; before the grains (main at
/// f4dddf1): "Block {height} {hash}: {n} txs, {breaches} breaches, {trackers} new trackers, ...
/// in {ms} ms".
/// </summary>
public sealed partial record BlockLine(int Height, int Transactions, int Breaches, int NewTrackers, double Milliseconds)
{
    public static BlockLine? TryParse(string line)
    {
        if (Pattern().Match(line) is { Success: true } grains)
            return From(grains, breaches: 4, trackers: 4);
        return Previous().Match(line) is { Success: true } previous ? From(previous, breaches: 3, trackers: 4) : null;
    }

    private static BlockLine From(Match match, int breaches, int trackers)
    {
        int Int(int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        return new BlockLine(Int(1), Int(2), Int(breaches), Int(trackers), double.Parse(match.Groups[5].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"Block (\d+) [0-9a-f]{64}: (\d+) txs, (\d+) users outdated, (\d+) breaches answered, .* in ([0-9.]+) ms")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"Block (\d+) [0-9a-f]{64}: (\d+) txs, (\d+) breaches, (\d+) new trackers, .* in ([0-9.]+) ms")]
    private static partial Regex Previous();
}
