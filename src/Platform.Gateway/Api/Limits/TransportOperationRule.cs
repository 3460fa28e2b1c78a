using Platform.Domain.Errors;
using GraphQL.Validation;
using GraphQLParser.AST;
using Platform.Gateway.Api.Execution;

namespace Platform.Gateway.Api.Limits;

/// <summary>
/// GET may only run queries (GraphQL over HTTP); subscriptions need the WebSocket transport.
/// </summary>
public sealed class TransportOperationRule : ValidationRuleBase
{
    public const string MutationOverGetCode = ErrorCodes.MethodNotAllowed;
    public const string SubscriptionOverHttpCode = ErrorCodes.SubscriptionRequiresWebSocket;

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var transport = context.UserContext.GetTransport();
        var operation = context.Operation;
        var error = (transport, operation.Operation) switch
        {
            (RequestTransport.HttpGet, OperationType.Mutation) =>
                (MutationOverGetCode, "Mutations cannot be sent with GET; use POST."),
            (not RequestTransport.WebSocket, OperationType.Subscription) =>
                (SubscriptionOverHttpCode, "Subscriptions are served over WebSocket (graphql-transport-ws) at this URL."),
            _ => default((string, string)?),
        };

        if (error is var (code, message))
        {
            context.ReportError(new ValidationError(context.Document.Source, null, message, operation) { Code = code });
        }

        return default;
    }
}
