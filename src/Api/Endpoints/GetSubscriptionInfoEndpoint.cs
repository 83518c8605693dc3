using Teos.Api.Decoding;
using Teos.Api.Errors;
using Teos.Api.Http;
using Teos.Grains.Chain;
using Teos.Grains.Users;

namespace Teos.Api.Endpoints;

/// <summary>POST /get_subscription_info (spec 3.6); answers per profile (spec 9).</summary>
internal sealed class GetSubscriptionInfoEndpoint(Gatekeeper gatekeeper, IBitcoindReachability bitcoind, SignerProfiles signers) : IPublicEndpoint
{
    public async Task<ApiReply> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var decoded = JsonBodyDecoder.Decode(body.Span, RequestSchemas.GetSubscriptionInfo);
        if (decoded.Error is { } decodeError)
            return decodeError;

        var signature = decoded.Body!.Text("signature")!;
        if (FieldChecks.NotEmpty("signature", signature.Length) is { } fieldError)
            return fieldError;
        if (!bitcoind.IsReachable)
            return ClientAnswers.For(await signers.OfSubscriptionInfoAsync(signature, cancellationToken)).ServiceUnavailable;

        var result = await gatekeeper.GetSubscriptionInfoAsync(signature, cancellationToken);
        var reply = ClientAnswers.For(result.Profile);
        return result.Failure is { } failure
            ? reply.AccessDenied(failure, result.Expiry, FailureMapping.SubscriptionInfoDenied)
            : reply.SubscriptionInfo(result.Value!);
    }
}
