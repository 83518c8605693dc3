namespace Teos.Api.Decoding;

/// <summary>The JSON shapes rust-teos' request structs are made of.</summary>
public enum FieldKind
{
    /// <summary>Bytes as a hex string (rust-teos `hex::serde`).</summary>
    Hex,

    /// <summary>A plain string (signatures).</summary>
    Text,

    /// <summary>A JSON integer that must fit u32.</summary>
    UInt32,

    /// <summary>A nested struct (the appointment).</summary>
    Struct,
}
