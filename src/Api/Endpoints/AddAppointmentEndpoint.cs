using Microsoft.Extensions.Options;
using Teos.Api.Decoding;
using Teos.Api.Errors;
using Teos.Api.Http;
using Teos.Api.Limits;
using Teos.Grains.Appointments;
using Teos.Grains.Chain;
using Teos.Protocol.Api;
using Teos.Protocol.Appointments;

namespace Teos.Api.Endpoints;

/// <summary>POST /add_appointment (spec 3.4): steps 1-5 here (then 503 on a stale chain view or a low disk), the rest in the Watcher.</summary>
internal sealed class AddAppointmentEndpoint(
    Watcher watcher, IBitcoindReachability bitcoind, IChainView chain, DiskWatermark disk, IOptions<WatcherOptions> options)
    : IPublicEndpoint
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

        // A receipt signs the tower's tip as start_block: not while that tip may be stale (ChainView).
        if (!(await chain.CheckAsync(cancellationToken)).IsFresh)
            return ApiErrors.StaleChainView;
        if (disk.IsReached)
            return ApiErrors.LowOnDisk;

        var toSelfDelay = appointment.UInt32("to_self_delay");
        var submission = new AppointmentSubmission(
            Locator.FromBytes(locator.Bytes), appointment.Hex("encrypted_blob")!.Bytes, toSelfDelay, signature);
        var result = await watcher.AddAppointmentAsync(submission, cancellationToken);
        if (result.Accepted is not { } accepted)
            return FailureMapping.ForAddAppointment(result, options.Value.MinToSelfDelay, toSelfDelay);

        return ApiReply.Ok(new AddAppointmentResponse(
            accepted.Locator.ToHex(), accepted.StartBlock, accepted.Signature, accepted.AvailableSlots, accepted.SubscriptionExpiry));
    }
}
