using Teos.Api.Decoding;
using Teos.Api.Errors;
using Teos.Api.Http;
using Teos.Grains.Appointments;
using Teos.Grains.Chain;
using Teos.Protocol.Appointments;

namespace Teos.Api.Endpoints;

/// <summary>POST /get_appointment (spec 3.5); answers per profile (spec 9).</summary>
internal sealed class GetAppointmentEndpoint(Watcher watcher, IBitcoindReachability bitcoind, SignerProfiles signers) : IPublicEndpoint
{
    public async Task<ApiReply> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var decoded = JsonBodyDecoder.Decode(body.Span, RequestSchemas.GetAppointment);
        if (decoded.Error is { } decodeError)
            return decodeError;

        // The text as received: python-teos clients sign it that way and read it back (spec 9).
        var locator = decoded.Body!.Hex("locator")!;
        var signature = decoded.Body.Text("signature")!;
        var fieldError = FieldChecks.Sized("locator", locator.Bytes.Length, Locator.Size)
            ?? FieldChecks.NotEmpty("signature", signature.Length);
        if (fieldError is not null || !bitcoind.IsReachable)
        {
            var answers = ClientAnswers.For(await signers.OfGetAppointmentAsync(locator.Text, signature, cancellationToken));
            return fieldError is not null ? answers.GetAppointmentFieldError(fieldError, locator.Text) : answers.ServiceUnavailable;
        }

        var result = await watcher.GetAppointmentAsync(locator.Text, Locator.FromBytes(locator.Bytes), signature, cancellationToken);
        var reply = ClientAnswers.For(result.Profile);
        return result.Failure is { } failure
            ? reply.AccessDenied(failure, result.Expiry, FailureMapping.GetAppointmentDenied)
            : reply.Appointment(result.Value, locator.Text);
    }
}
