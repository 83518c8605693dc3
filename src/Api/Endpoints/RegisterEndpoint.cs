using Teos.Api.Decoding;
using Teos.Api.Errors;
using Teos.Api.Http;
using Teos.Grains.Chain;
using Teos.Grains.Users;
using Teos.Protocol.Api;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Api.Endpoints;

/// <summary>POST /register (spec 3.3); a <c>public_key</c> body without <c>user_id</c> registers a python-teos user (spec 9).</summary>
internal sealed class RegisterEndpoint(Gatekeeper gatekeeper, IBitcoindReachability bitcoind, RequestTelemetry telemetry) : IPublicEndpoint
{
    public async Task<ApiReply> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var decoded = JsonBodyDecoder.Decode(body.Span, RequestSchemas.Register);
        if (decoded.Error is { } decodeError)
            return decodeError;

        var (field, profile) = decoded.Body!.Has("user_id") || !decoded.Body.Has("public_key")
            ? ("user_id", ClientProfile.Rust)
            : ("public_key", ClientProfile.Python);
        if (decoded.Body.Hex(field) is not { } key)
            return ApiErrors.MissingField(field);
        if (FieldChecks.Sized(field, key.Bytes.Length, UserId.Size) is { } fieldError)
            return fieldError;

        // rust-teos asks the tower (which checks bitcoind) before it validates the key itself. The body's form is
        // the profile the user registers with (spec 9), so a python-teos client reads python-teos' 503.
        if (!bitcoind.IsReachable)
            return ClientAnswers.For(profile).ServiceUnavailable;
        if (!UserId.TryFromBytes(key.Bytes, out var userId, out var keyError))
            return ApiErrors.WrongFieldFormat(keyError!.Message);

        if (await gatekeeper.RegisterAsync(userId, profile, cancellationToken) is not { } registration)
            return ApiErrors.SlotsOverflow;

        telemetry.Registered(registration, profile);
        var subscription = registration.Subscription;
        return ApiReply.Ok(new RegisterResponse(
            userId.ToHex(),
            subscription.AvailableSlots,
            subscription.Start,
            subscription.Expiry,
            registration.Signature,
            profile == ClientProfile.Python ? userId.ToHex() : null));
    }
}
