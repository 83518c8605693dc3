using Microsoft.Extensions.Options;

namespace Teos.Grains.BlockFeed;

/// <summary>Fails fast on block feed settings that could not work.</summary>
public sealed class BlockFeedOptionsValidator : IValidateOptions<BlockFeedOptions>
{
    /// <summary>Polling faster than this only loads bitcoind; tests use exactly this.</summary>
    public static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    public ValidateOptionsResult Validate(string? name, BlockFeedOptions options)
    {
        var failures = new List<string>();
        if (options.PollingInterval < MinimumPollingInterval)
            failures.Add($"polling_delta must be at least {MinimumPollingInterval.TotalMilliseconds} ms, not {options.PollingInterval.TotalMilliseconds} ms");
        if (options.MaxReorgDepth < 1)
            failures.Add($"MaxReorgDepth must be positive, not {options.MaxReorgDepth}");
        if (options.ProgressLogInterval <= TimeSpan.Zero)
            failures.Add("ProgressLogInterval must be positive");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
