namespace Teos.Grains.Chain;

/// <summary>
/// The seam through which add_appointment and readiness ask whether the tower's view of the chain is fresh enough
/// to sign a receipt (see <see cref="ChainView"/> for the rule).
/// </summary>
public interface IChainView
{
    ValueTask<ChainFreshness> CheckAsync(CancellationToken cancellationToken);
}
