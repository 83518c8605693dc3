using Teos.Api.Errors;

namespace Teos.Api.Endpoints;

/// <summary>rust-teos' field-level checks after decoding (spec 3.3-3.6): empty first, then the size.</summary>
internal static class FieldChecks
{
    public static ApiError? NotEmpty(string name, int length) => length == 0 ? ApiErrors.EmptyField(name) : null;

    public static ApiError? Sized(string name, int length, int expected) =>
        NotEmpty(name, length) ?? (length != expected ? ApiErrors.WrongFieldSize(name, expected, length) : null);
}
