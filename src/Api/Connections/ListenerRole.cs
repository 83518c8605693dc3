namespace Teos.Api.Connections;

/// <summary>Who a listener serves, which decides how much of the silo's connection cap it may fill.</summary>
public enum ListenerRole
{
    /// <summary>Anyone on the network: the public API. Leaves <see cref="ConnectionLimits.OperatorReserve"/> of the cap free.</summary>
    Public,

    /// <summary>The operator: the admin API, the metrics and health listener. May use the whole cap.</summary>
    Operator,
}
