using System.Data.Common;

namespace Teos.Grains.Storage;

/// <summary>
/// The store could not do its work for a reason of the machine's, not of the request's: the disk is full, an I/O
/// error, the database server unreachable or out of resources. Nothing of the failed call was acknowledged; the same
/// call may succeed later. The public API answers 503. A <see cref="DbException"/>, so code that already backs off on
/// database failures (the block feed) treats it as one. It crosses silos as its message only
/// (<see cref="StorageUnavailableSurrogate"/>): the database's own exception stays in the log of the silo that met it.
/// </summary>
public sealed class StorageUnavailableException : DbException
{
    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }
}
