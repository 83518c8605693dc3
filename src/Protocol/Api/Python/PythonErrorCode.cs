namespace Teos.Protocol.Api.Python;

/// <summary>python-teos' negative <c>error_code</c> values (spec 3.2, python-teos <c>common/errors.py</c>).</summary>
public enum PythonErrorCode
{
    AppointmentEmptyField = -1,
    AppointmentWrongFieldType = -2,
    AppointmentWrongFieldSize = -3,
    AppointmentWrongFieldFormat = -4,
    AppointmentFieldTooSmall = -5,
    AppointmentFieldTooBig = -6,
    AppointmentWrongField = -7,
    InvalidSignatureOrSubscriptionError = -8,
    AppointmentAlreadyTriggered = -9,
    RegistrationMissingField = -33,
    RegistrationWrongFieldFormat = -34,
    InvalidRequestFormat = -65,
}
