using System.Text.Json;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Api.Transport;

/// <summary>Request-level errors (before any GraphQL ran), in the GraphQL error shape with extensions.code.</summary>
public static class ErrorResponses
{
    public static Task WriteAsync(HttpContext context, int statusCode, string code, string message, string? mediaType = null)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = (mediaType ?? MediaTypes.Json) + "; charset=utf-8";
        var body = new { errors = new[] { new { message, extensions = new { code } } } };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }

    public static Task WriteAsync(HttpContext context, AccessDenial denial, string? mediaType = null)
    {
        if (denial.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = RateLimitCharge.RetryAfterSeconds(retryAfter).ToString();
        }

        return WriteAsync(context, denial.StatusCode, denial.Code, denial.Message, mediaType);
    }
}
