using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Platform.Gateway.Api.Execution;

/// <summary>
/// Keeps documents that parsed and validated, keyed by their text and the selected operation (depth and
/// complexity are measured per operation), so repeated requests skip parsing and the caller-independent
/// validation rules. Rules registered "for cached documents" (roles,
/// transport) still run every time. When full, the cache is emptied rather than tracked per entry:
/// a busy API uses a small set of documents.
/// </summary>
public sealed class ParsedDocumentCache : IConfigureExecution
{
    public const int MaxEntries = 2_000;
    public const int MaxCachedQueryLength = 64 * 1024;

    private readonly ConcurrentDictionary<string, GraphQLDocument> documents = new(StringComparer.Ordinal);

    public float SortOrder => 200;

    public int Count => documents.Count;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { Length: <= MaxCachedQueryLength } query)
        {
            return await next(options);
        }

        var key = $"{options.OperationName}\n{query}";
        var cached = documents.TryGetValue(key, out var document);
        if (cached)
        {
            options.Document = document;
            options.ValidationRules = options.CachedDocumentValidationRules ?? Array.Empty<IValidationRule>();
        }

        var result = await next(options);
        if (!cached && result.Executed && result.Document is not null)
        {
            if (documents.Count >= MaxEntries)
            {
                documents.Clear();
            }

            documents[key] = result.Document;
        }

        return result;
    }
}
