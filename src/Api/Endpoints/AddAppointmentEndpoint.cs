using Microsoft.Extensions.Options;
using Teos.Api.Decoding;
using Teos.Api.Errors;
using Teos.Api.Http;
using Teos.Grains.Appointments;
using Teos.Grains.Chain;
using Teos.Protocol.Api;
using Teos.Protocol.Appointments;

namespace Teos.Api.Endpoints;

/// <summary>POST /add_appointment (spec 3.4): steps 1-5 here, the rest in AppointmentRequests and the user's grain.</summary>
internal sealed class AddAppointmentEndpoint(
    AppointmentRequests appointments, IBitcoindReachability bitcoind, IOptions<WatcherOptions> options) : IPublicEndpoint
{
    public async Task<ApiReply> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var decoded = JsonBodyDecoder.Decode(body.Span, RequestSchemas.AddAppointment);
        if (decoded.Error is { } decodeError)
            return decodeError;
        if (decoded.Body!.Struct("appointment") is not { } appointment)
            return ApiErrors.MissingField("appointment");

        var locator = appointment.Hex("locator")!;
        var signature = decoded.Body.Text("signature")!;
        var fieldError = FieldChecks.Sized("locator", locator.Bytes.Length, Locator.Size)
            ?? FieldChecks.NotEmpty("signature", signature.Length);
        if (fieldError is not null)
            return fieldError;
        if (!bitcoind.IsReachable)
            return ApiErrors.ServiceUnavailable;

        var toSelfDelay = appointment.UInt32("to_self_delay");
        var submission = new AppointmentSubmission(
            Locator.FromBytes(locator.Bytes), appointment.Hex("encrypted_blob")!.Bytes, toSelfDelay, signature);
        var result = await appointments.AddAppointmentAsync(submission, cancellationToken);
        if (result.Accepted is not { } accepted)
            return FailureMapping.ForAddAppointment(result, options.Value.MinToSelfDelay, toSelfDelay);

        return ApiReply.Ok(new AddAppointmentResponse(
            accepted.Locator.ToHex(), accepted.StartBlock, accepted.Signature, accepted.AvailableSlots, accepted.SubscriptionExpiry));
    }
}
