using System.Text;
using System.Text.Json;
using Platform.Domain.Errors;
using Platform.Domain.Trackers;
using Platform.Gateway.Api.Transport;
using Platform.Gateway.Auth;
using Platform.Gateway.Hosting;
using Platform.Gateway.Operations;

namespace Platform.Gateway.Api.Trackers;

/// <summary>
/// The tracker source: the Segment HTTP tracking API (which RudderStack speaks too) under /tracker/v1/{batch, track,
/// identify, page, screen, alias, group}, authenticated by a TRACKER key as the HTTP Basic user name, as their libraries
/// send it. A well-formed request is answered 200 once what it carries is stored; problems with single messages go to
/// the source debugger (docs/trackers.md), as the spec answers them.
/// </summary>
public sealed class TrackerSourceEndpoint(RequestAdmission admission, TrackerSourceService source)
{
    public const string PathPrefix = "/tracker/v1";

    public async Task HandleAsync(HttpContext context, string call)
    {
        call = call.ToLowerInvariant(); // route constraints ignore case: /v1/BATCH is /v1/batch
        var outcome = "500";
        try
        {
            await ServeAsync(context, call);
            outcome = context.Response.StatusCode.ToString();
        }
        finally
        {
            GatewayMetrics.TrackerRequests.WithLabels(call, outcome).Inc();
        }
    }

    private async Task ServeAsync(HttpContext context, string call)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await ErrorResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed, "The tracker source takes POST.");
            return;
        }

        var (caller, denial) = await admission.AuthenticateTrackerAsync(BasicCredentials.Read(context.Request)?.User, context.RequestAborted);
        denial ??= await admission.AdmitAsync(caller!);
        if (denial is not null)
        {
            if (denial.StatusCode == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"tracker\"";
            }

            await ErrorResponses.WriteAsync(context, denial);
            return;
        }

        var limit = call == "batch" ? TrackerRules.MaxBatchBytes : TrackerRules.MaxMessageBytes;
        var (body, failure) = await TrackerBody.ReadAsync(context.Request, limit);
        if (failure != TrackerBody.Failure.None)
        {
            await (failure == TrackerBody.Failure.TooLarge
                ? BadRequest(context, ErrorCodes.RequestTooLarge, $"A {call} request may hold at most {limit / 1024} KB (after decompression).")
                : BadRequest(context, ErrorCodes.InvalidRequest, failure == TrackerBody.Failure.BadGzip
                    ? "The body says Content-Encoding: gzip but is not gzip."
                    : "Content-Encoding must be gzip or none."));
            return;
        }

        JsonDocument document;
        try
        {
            document = RequestJson.ParseUnchecked(body); // each message is checked alone (TrackerSourceService)
        }
        catch (JsonException exception)
        {
            await BadRequest(context, ErrorCodes.InvalidJson, $"The body is not valid JSON: {exception.Message}");
            return;
        }

        using (document)
        {
            var request = Read(document.RootElement, call);
            if (request.Error is { } error)
            {
                await BadRequest(context, request.TooMany ? ErrorCodes.RequestTooLarge : ErrorCodes.InvalidRequest, error);
                return;
            }

            if (await source.AcceptAsync(caller!, request.Messages, request.SentAt, context.RequestAborted) is { } costly)
            {
                await ErrorResponses.WriteAsync(context, costly);
                return;
            }
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = MediaTypes.Json + "; charset=utf-8";
        await context.Response.WriteAsync("{\"success\":true}", context.RequestAborted);
    }

    private sealed record Request(IReadOnlyList<TrackerSourceService.Incoming> Messages, DateTimeOffset? SentAt, string? Error = null, bool TooMany = false);

    private static Request Read(JsonElement root, string call)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new([], null, "The body must be a JSON object.");
        }

        var sentAt = TrackerMapping.SentAt(root);
        if (call != "batch")
        {
            return new([new(root, call, 0)], sentAt);
        }

        if (!root.TryGetProperty("batch", out var batch) || batch.ValueKind != JsonValueKind.Array)
        {
            return new([], null, "A batch request needs \"batch\": an array of messages.");
        }

        if (batch.GetArrayLength() > TrackerRules.MaxBatchMessages)
        {
            return new([], null, $"A batch may hold at most {TrackerRules.MaxBatchMessages} messages.", TooMany: true);
        }

        return new(batch.EnumerateArray().Select(m => new TrackerSourceService.Incoming(m, null, Encoding.UTF8.GetByteCount(m.GetRawText()))).ToList(), sentAt);
    }

    private static Task BadRequest(HttpContext context, string code, string message) =>
        ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, code, message);
}
