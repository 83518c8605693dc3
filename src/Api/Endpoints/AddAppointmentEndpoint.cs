using System.Diagnostics;
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

/// <summary>
/// POST /add_appointment (spec 3.4): steps 1-5 here, then 503 on a stale chain view or a low disk, the rest in the
/// Watcher; answers per profile (spec 9).
/// </summary>
internal sealed class AddAppointmentEndpoint(
    Watcher watcher,
    IBitcoindReachability bitcoind,
    IChainView chain,
    DiskWatermark disk,
    SignerProfiles signers,
    IOptions<WatcherOptions> options,
    RequestTelemetry telemetry) : IPublicEndpoint
{
    public async Task<ApiReply> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = RequestTelemetry.Error;
        try
        {
            (var reply, outcome) = await AnswerAsync(body, cancellationToken);
            return reply;
        }
        finally
        {
            telemetry.AppointmentAnswered(outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<(ApiReply Reply, string Outcome)> AnswerAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var decoded = JsonBodyDecoder.Decode(body.Span, RequestSchemas.AddAppointment);
        if (decoded.Error is { } decodeError)
            return (decodeError, RequestTelemetry.InvalidRequest);
        if (decoded.Body!.Struct("appointment") is not { } appointment)
            return (ApiErrors.MissingField("appointment"), RequestTelemetry.InvalidRequest);

        var locator = appointment.Hex("locator")!;
        var blob = appointment.Hex("encrypted_blob")!.Bytes;
        var toSelfDelay = appointment.UInt32("to_self_delay");
        var signature = decoded.Body.Text("signature")!;
        var fieldError = FieldChecks.Sized("locator", locator.Bytes.Length, Locator.Size)
            ?? FieldChecks.NotEmpty("signature", signature.Length);
        if (fieldError is not null)
            return ((await AnswersAsync()).AppointmentFieldError(fieldError), RequestTelemetry.InvalidRequest);
        if (!bitcoind.IsReachable)
            return ((await AnswersAsync()).ServiceUnavailable, RequestTelemetry.BitcoindUnreachable);
        if (await RefusalAsync(cancellationToken) is var (refusal, why))
            return ((await AnswersAsync()).Unavailable(refusal), why);

        var submission = new AppointmentSubmission(Locator.FromBytes(locator.Bytes), blob, toSelfDelay, signature);
        var result = await watcher.AddAppointmentAsync(submission, cancellationToken);
        if (result.Accepted is not { } accepted)
        {
            var answers = result.Profile is { } profile ? ClientAnswers.For(profile) : await AnswersAsync();
            return (answers.AddAppointmentRefused(result, options.Value.MinToSelfDelay, toSelfDelay), RequestTelemetry.Outcome(result.Failure!.Value));
        }

        telemetry.AppointmentAccepted(accepted);
        return (ApiReply.Ok(new AddAppointmentResponse(
            accepted.Locator.ToHex(), accepted.StartBlock, accepted.Signature, accepted.AvailableSlots, accepted.SubscriptionExpiry)), RequestTelemetry.Accepted);

        // The signer's profile, looked up only for an answer that depends on it.
        async Task<ClientAnswers> AnswersAsync() =>
            ClientAnswers.For(await signers.OfAppointmentAsync(locator.Bytes, blob, toSelfDelay, signature, cancellationToken));
    }

    /// <summary>Why the tower takes no appointment now though bitcoind answers (with its outcome label), or null.</summary>
    private async ValueTask<(ApiError Error, string Outcome)?> RefusalAsync(CancellationToken cancellationToken)
    {
        // A receipt signs the tower's tip as start_block: not while that tip may be stale (ChainView).
        if (!(await chain.CheckAsync(cancellationToken)).IsFresh)
            return (ApiErrors.StaleChainView, RequestTelemetry.StaleChainView);
        return disk.IsReached ? (ApiErrors.LowOnDisk, RequestTelemetry.LowOnDisk) : null;
    }
}
