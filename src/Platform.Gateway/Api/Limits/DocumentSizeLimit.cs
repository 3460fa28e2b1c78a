using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;
using Platform.Domain.Errors;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.Api.Limits;

/// <summary>
/// Refuses, after parsing and before validation, a document with more than <c>MaxDocumentNodes</c> nodes
/// (<see cref="DocumentNodeCount"/>) or nested deeper than the parser allows. Parsing is linear in the text, but some
/// validation rules compare nodes pairwise: one field repeated 40,000 times took 20 CPU-seconds to validate, and 50,000
/// directives on one field 58 s, before this limit. Runs inside the document cache: a cached document passed it already.
/// </summary>
public sealed class DocumentSizeLimit(IDocumentBuilder documents, IOptions<PlatformOptions> options) : IConfigureExecution
{
    public float SortOrder => 300;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions execution, ExecutionDelegate next)
    {
        if (execution.Document is not null || execution.Query is not { } query)
        {
            return await next(execution);
        }

        try
        {
            execution.Document = documents.Build(query);
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return Refused(query, ErrorCodes.QueryTooDeep, "The document nests deeper than the parser allows (128 levels of fields, lists or objects).");
        }
        catch (ExecutionError error) // a syntax error, as graphql-dotnet's document builder reports it
        {
            return new ExecutionResult { Errors = new ExecutionErrors { error } };
        }

        var limit = options.Value.GraphQL.MaxDocumentNodes;
        return DocumentNodeCount.Of(execution.Document, limit) <= limit
            ? await next(execution)
            : Refused(query, ErrorCodes.DocumentTooLarge,
                $"The document holds more than {limit} selections, arguments, directives and variables (fragments expanded); split it into smaller requests.");
    }

    private static ExecutionResult Refused(string query, string code, string message) =>
        new() { Errors = new ExecutionErrors { new ValidationError(query, null, message) { Code = code } } };
}
