namespace Teos.Protocol.Api;

/// <summary>The numeric <c>error_code</c> of the public API error envelope (spec 3.2, rust-teos errors.rs).</summary>
public enum ErrorCode : byte
{
    MissingField = 1,
    EmptyField = 2,
    WrongFieldType = 3,
    WrongFieldSize = 4,
    WrongFieldFormat = 5,
    InvalidRequestFormat = 6,
    InvalidSignatureOrSubscriptionError = 7,
    ServiceUnavailable = 32,

    /// <summary>Defined by rust-teos, never produced.</summary>
    AppointmentFieldTooSmall = 33,

    /// <summary>Defined by rust-teos, never produced.</summary>
    AppointmentFieldTooBig = 34,

    AppointmentAlreadyTriggered = 35,
    AppointmentNotFound = 36,
    RegistrationResourceExhausted = 65,
    UnexpectedError = 255,
}
