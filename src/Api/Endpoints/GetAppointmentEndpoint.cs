using Teos.Api.Decoding;
using Teos.Api.Errors;
using Teos.Api.Http;
using Teos.Grains.Appointments;
using Teos.Grains.Chain;
using Teos.Protocol.Api;
using Teos.Protocol.Appointments;
using Teos.Protocol.Encoding;

namespace Teos.Api.Endpoints;

/// <summary>POST /get_appointment (spec 3.5).</summary>
internal sealed class GetAppointmentEndpoint(AppointmentRequests appointments, IBitcoindReachability bitcoind) : IPublicEndpoint
{
    public async Task<ApiReply> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var decoded = JsonBodyDecoder.Decode(body.Span, RequestSchemas.GetAppointment);
        if (decoded.Error is { } decodeError)
            return decodeError;

        var locator = decoded.Body!.Hex("locator")!;
        var signature = decoded.Body.Text("signature")!;
        var fieldError = FieldChecks.Sized("locator", locator.Bytes.Length, Locator.Size)
            ?? FieldChecks.NotEmpty("signature", signature.Length);
        if (fieldError is not null)
            return fieldError;
        if (!bitcoind.IsReachable)
            return ApiErrors.ServiceUnavailable;

        // The text as received: python-teos clients sign it that way (spec 9); lowercase is tried too.
        var result = await appointments.GetAppointmentAsync(locator.Text, Locator.FromBytes(locator.Bytes), signature);
        if (result.Failure is { } failure)
            return FailureMapping.ForAccess(failure, result.Expiry, FailureMapping.GetAppointmentDenied);
        if (result.Value is not { } view)
            return ApiErrors.AppointmentNotFound;

        return ApiReply.Ok(ToResponse(view));
    }

    private static object ToResponse(AppointmentView view)
    {
        if (view.Responded is { } tracker)
        {
            return new RespondedAppointmentResponse(new TrackerData(
                tracker.DisputeTxid.ToString(), tracker.PenaltyTxid.ToString(), Hex.Encode(tracker.PenaltyRawTx)));
        }

        var appointment = view.Watched!;
        return new WatchedAppointmentResponse(new AppointmentData(
            appointment.Locator.ToHex(), Hex.Encode(appointment.EncryptedBlob), appointment.ToSelfDelay));
    }
}
