using System.Diagnostics.CodeAnalysis;

namespace Teos.Protocol.Bitcoin;

/// <summary>
/// Reads one structure at the reader's position. <paramref name="buffer"/> is the memory the reader spans,
/// so parsed scripts can be kept as slices of it rather than copies.
/// </summary>
internal delegate bool WireReader<T>(ref BitcoinReader reader, ReadOnlyMemory<byte> buffer, [NotNullWhen(true)] out T? value)
    where T : class;
