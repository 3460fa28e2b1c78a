using Platform.Domain.Errors;
using System.Text.Json;
using GraphQL;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.Features;
using Platform.Gateway.Auth;
using Platform.Gateway.Api.Execution;
using Platform.Gateway.Api.Limits;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.Api.Transport;

/// <summary>GraphQL over HTTP: POST application/json and GET for queries, with spec status codes.</summary>
public sealed class GraphQLHttpEndpoint(
    RequestAdmission admission,
    GraphQLRequestReader reader,
    MultipartRequestReader multipart,
    GraphQLExecutor executor,
    IGraphQLTextSerializer serializer,
    IOptions<PlatformOptions> options)
{
    public const string ApiKeyHeader = "X-Api-Key";

    public async Task HandleAsync(HttpContext context)
    {
        var outcome = "500";
        try
        {
            await ServeAsync(context);
            outcome = context.Response.StatusCode.ToString();
        }
        finally
        {
            GatewayMetrics.GraphQLRequests.WithLabels("http", outcome).Inc();
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        var isGet = HttpMethods.IsGet(context.Request.Method);
        if (!isGet && !HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await ErrorResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed, "Use POST, or GET for queries.");
            return;
        }

        var mediaType = MediaTypes.Negotiate(context.Request.Headers.Accept);
        if (mediaType is null)
        {
            context.Response.Headers.Accept = MediaTypes.Acceptable;
            await ErrorResponses.WriteAsync(context, StatusCodes.Status406NotAcceptable, ErrorCodes.NotAcceptable, $"Accept {MediaTypes.Acceptable}.");
            return;
        }

        var (caller, denial) = await admission.AuthenticateAsync(context.Request.Headers[ApiKeyHeader], context.RequestAborted);
        denial ??= await admission.AdmitAsync(caller!);
        if (denial is not null)
        {
            await ErrorResponses.WriteAsync(context, denial, mediaType);
            return;
        }

        var uploads = new List<UploadedFile>();
        try
        {
            var (request, failure) = isGet ? ReadGet(context.Request)
                : MediaTypes.IsMultipart(context.Request.ContentType) ? await ReadMultipartAsync(context, uploads)
                : await ReadPostAsync(context.Request);
            if (failure is not null)
            {
                await ErrorResponses.WriteAsync(context, failure.Value.Status, failure.Value.Code, failure.Value.Message, mediaType);
                return;
            }

            await ExecuteAsync(context, request!, caller!, isGet ? RequestTransport.HttpGet : RequestTransport.HttpPost, mediaType);
        }
        finally
        {
            foreach (var upload in uploads)
            {
                File.Delete(upload.Path);
            }
        }
    }

    private async Task ExecuteAsync(HttpContext context, GraphQLRequestBody request, Caller caller, RequestTransport transport, string mediaType)
    {
        var result = await executor.ExecuteAsync(request, caller, transport, context.RequestServices, context.RequestAborted);
        context.Response.StatusCode = ResponseStatus.For(result, mediaType);
        if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            context.Response.Headers.Allow = "POST";
        }

        if (result.Errors?.FirstOrDefault(e => e.Code is ErrorCodes.RateLimited or ErrorCodes.Unavailable)?.Extensions is { } extensions
            && extensions.TryGetValue(RateLimitCharge.RetryAfterKey, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = retryAfter?.ToString();
        }

        context.Response.ContentType = mediaType + "; charset=utf-8";
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }

    private (GraphQLRequestBody?, RequestFailure?) ReadGet(HttpRequest request)
    {
        var query = request.Query["query"].ToString();
        if (string.IsNullOrEmpty(query))
        {
            return (null, RequestFailure.BadRequest("'query' is required."));
        }

        if (!reader.TryReadObjectText("variables", request.Query["variables"], out var variables, out var error)
            || !reader.TryReadObjectText("extensions", request.Query["extensions"], out var extensions, out error))
        {
            return (null, RequestFailure.BadRequest(error));
        }

        var operationName = request.Query["operationName"].ToString();
        return (new GraphQLRequestBody(query, operationName.Length == 0 ? null : operationName, variables, extensions), null);
    }

    private async Task<(GraphQLRequestBody?, RequestFailure?)> ReadMultipartAsync(HttpContext context, List<UploadedFile> uploads)
    {
        var limit = options.Value.Imports.MaxFileBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + options.Value.GraphQL.MaxRequestBytes;
        }

        var (request, files, error) = await multipart.ReadAsync(context.Request, limit, options.Value.GraphQL.MaxRequestBytes);
        uploads.AddRange(files);
        return error is null ? (request, null) : (null, RequestFailure.BadRequest(error));
    }

    private async Task<(GraphQLRequestBody?, RequestFailure?)> ReadPostAsync(HttpRequest request)
    {
        if (!MediaTypes.IsJsonRequest(request.ContentType))
        {
            return (null, new RequestFailure(
                StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "Send the request as application/json."));
        }

        var limit = options.Value.GraphQL.MaxRequestBytes;
        var body = await BoundedBody.ReadAsync(request, limit);
        if (body is null)
        {
            return (null, new RequestFailure(
                StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge, $"The request body is larger than {limit} bytes."));
        }

        try
        {
            using var document = RequestJson.Parse(body);
            return reader.TryRead(document.RootElement, out var parsed, out var error)
                ? (parsed, null)
                : (null, RequestFailure.BadRequest(error));
        }
        catch (JsonException exception)
        {
            return (null, new RequestFailure(StatusCodes.Status400BadRequest, ErrorCodes.InvalidJson, $"The body is not valid JSON: {exception.Message}"));
        }
    }

    private readonly record struct RequestFailure(int Status, string Code, string Message)
    {
        public static RequestFailure BadRequest(string message) => new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, message);
    }
}
