namespace Teos.Api.Decoding;

/// <summary>rust-teos' request structs (teos-common protos), field order included; plus section 9's <c>public_key</c>.</summary>
public static class RequestSchemas
{
    public static BodySchema Register { get; } = new("RegisterRequest",
    [
        // Optional here so that a python-teos body ({"public_key": …}) decodes; the endpoint reports
        // "missing field `user_id`" when neither is present, as rust-teos does.
        new FieldSpec("user_id", FieldKind.Hex) { Optional = true },
        new FieldSpec("public_key", FieldKind.Hex) { Optional = true, NamedOnly = true },
    ]);

    public static BodySchema Appointment { get; } = new("Appointment",
    [
        new FieldSpec("locator", FieldKind.Hex),
        new FieldSpec("encrypted_blob", FieldKind.Hex),
        new FieldSpec("to_self_delay", FieldKind.UInt32),
    ]);

    public static BodySchema AddAppointment { get; } = new("AddAppointmentRequest",
    [
        // A protobuf message field: Option in rust-teos, so its absence is reported after decoding (spec 3.4 step 2).
        new FieldSpec("appointment", FieldKind.Struct, Appointment) { Optional = true },
        new FieldSpec("signature", FieldKind.Text),
    ]);

    public static BodySchema GetAppointment { get; } = new("GetAppointmentRequest",
    [
        new FieldSpec("locator", FieldKind.Hex),
        new FieldSpec("signature", FieldKind.Text),
    ]);

    public static BodySchema GetSubscriptionInfo { get; } = new("GetSubscriptionInfoRequest",
    [
        new FieldSpec("signature", FieldKind.Text),
    ]);
}
