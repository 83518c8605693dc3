using Teos.Api.Decoding;
using Teos.Api.Errors;
using Teos.Api.Http;
using Teos.Grains.Chain;
using Teos.Grains.Users;
using Teos.Protocol.Api;

namespace Teos.Api.Endpoints;

/// <summary>POST /get_subscription_info (spec 3.6).</summary>
internal sealed class GetSubscriptionInfoEndpoint(UserRequests users, IBitcoindReachability bitcoind) : IPublicEndpoint
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
            return ApiErrors.ServiceUnavailable;

        var result = await users.GetSubscriptionInfoAsync(signature);
        if (result.Failure is { } failure)
            return FailureMapping.ForAccess(failure, result.Expiry, FailureMapping.SubscriptionInfoDenied);

        var info = result.Value!;
        return ApiReply.Ok(new GetSubscriptionInfoResponse(
            info.Subscription.AvailableSlots, info.Subscription.Expiry, info.Locators.Select(locator => locator.ToHex()).ToList()));
    }
}
