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
/// Refuses a document with more than <c>MaxSelections</c> selections (fragments expanded, <see cref="SelectionCount"/>)
/// after parsing and before validation. Parsing is linear in the text, but some validation rules compare the fields of
/// a selection set pairwise, so one field repeated 40,000 times cost 20 CPU-seconds to validate before this limit.
/// Runs inside the document cache: a cached document passed it already.
/// </summary>
public sealed class SelectionLimit(IDocumentBuilder documents, IOptions<PlatformOptions> options) : IConfigureExecution
{
    public const string Code = ErrorCodes.TooManySelections;

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
        catch (GraphQLSyntaxErrorException)
        {
            return await next(execution); // the executer parses again and reports the syntax error as usual
        }

        var limit = options.Value.GraphQL.MaxSelections;
        var count = SelectionCount.Of(execution.Document, limit);
        if (count <= limit)
        {
            return await next(execution);
        }

        var error = new ValidationError(query, null, $"The document holds more than {limit} selections (fragments expanded); split it into smaller requests.")
        {
            Code = Code,
        };
        return new ExecutionResult { Errors = new ExecutionErrors { error } };
    }
}
