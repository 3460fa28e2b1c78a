using GraphQL;
using Platform.Domain.Errors;
using Platform.Gateway.Api.Authorization;
using Platform.Gateway.Api.Limits;

namespace Platform.Gateway.Api.Transport;

/// <summary>
/// The HTTP status of a GraphQL result. Results that ran are 200. Documents rejected before running
/// are 400 under application/graphql-response+json and 200 under application/json (per the spec),
/// except authorization (403), mutations over GET (405), an operation whose cost the rate limit cannot take (429) and
/// one whose tenant could not be read to charge it (503, the database unreachable), which mean the same in both.
/// </summary>
public static class ResponseStatus
{
    public static int For(ExecutionResult result, string mediaType)
    {
        if (result.Executed)
        {
            return StatusCodes.Status200OK;
        }

        var codes = result.Errors?.Select(e => e.Code).ToHashSet() ?? [];
        if (codes.Contains(TransportOperationRule.MutationOverGetCode))
        {
            return StatusCodes.Status405MethodNotAllowed;
        }

        if (codes.Contains(ErrorCodes.RateLimited))
        {
            return StatusCodes.Status429TooManyRequests;
        }

        if (codes.Contains(ErrorCodes.Unavailable))
        {
            return StatusCodes.Status503ServiceUnavailable;
        }

        if (codes.Contains(RoleAuthorizationRule.Code))
        {
            return StatusCodes.Status403Forbidden;
        }

        return mediaType == MediaTypes.GraphQLResponse ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
    }
}
