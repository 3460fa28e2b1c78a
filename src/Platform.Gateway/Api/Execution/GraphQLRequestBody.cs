using GraphQL;

namespace Platform.Gateway.Api.Execution;

/// <summary>One GraphQL request as the HTTP and WebSocket transports receive it.</summary>
public sealed record GraphQLRequestBody(string Query, string? OperationName, Inputs? Variables, Inputs? Extensions);
