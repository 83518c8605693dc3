namespace Teos.Api.Http;

/// <summary>One POST endpoint: decodes and checks the body, then calls one application service (spec 3).</summary>
public interface IPublicEndpoint
{
    Task<ApiReply> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}
