using Teos.Api.Decoding;
using Teos.Api.Errors;
using Teos.Api.Http;
using Teos.Api.Limits;
using Teos.Grains.Chain;
using Teos.Grains.Users;
using Teos.Protocol.Api;
using Teos.Protocol.Profiles;
using Teos.Protocol.Users;

namespace Teos.Api.Endpoints;

/// <summary>POST /register (spec 3.3); a <c>public_key</c> body without <c>user_id</c> registers a python-teos user (spec 9).</summary>
internal sealed class RegisterEndpoint(
    Gatekeeper gatekeeper, IBitcoindReachability bitcoind, DiskWatermark disk, RequestTelemetry telemetry) : IPublicEndpoint
{
    /// <summary>Spec 9: a body with <c>public_key</c> and no <c>user_id</c> is a python-teos client's.</summary>
    public static ClientProfile ProfileOf(DecodedBody body) =>
        body.Has("user_id") || !body.Has("public_key") ? ClientProfile.Rust : ClientProfile.Python;

    public async Task<ApiReply> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var decoded = JsonBodyDecoder.Decode(body.Span, RequestSchemas.Register);
        if (decoded.Error is { } decodeError)
            return decodeError;

        var profile = ProfileOf(decoded.Body!);
        var field = profile == ClientProfile.Python ? "public_key" : "user_id";
        if (decoded.Body!.Hex(field) is not { } key)
            return ApiErrors.MissingField(field);
        if (FieldChecks.Sized(field, key.Bytes.Length, UserId.Size) is { } fieldError)
            return fieldError;

        // rust-teos asks the tower (which checks bitcoind) before it validates the key itself. The body's form is
        // the profile the user registers with (spec 9), so a python-teos client reads python-teos' 503.
        if (!bitcoind.IsReachable)
            return ClientAnswers.For(profile).ServiceUnavailable;
        if (disk.IsReached)
            return ClientAnswers.For(profile).Unavailable(ApiErrors.LowOnDisk);
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
