using GraphQL;
using GraphQL.Execution;
using Platform.Domain.Errors;

namespace Platform.Gateway.Api.Execution;

/// <summary>
/// Errors as clients see them: a resolver failure the platform did not expect is INTERNAL_SERVER_ERROR with a generic
/// sentence (the details go to the server log only), never a code named after a .NET exception type.
/// </summary>
public sealed class PlatformErrorInfoProvider() : ErrorInfoProvider(new ErrorInfoProviderOptions { ExposeExceptionDetails = false })
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (executionError is UnhandledError)
        {
            info.Message = "The request failed on the server; the error is logged.";
            var extensions = info.Extensions ?? new Dictionary<string, object?>();
            extensions["code"] = ErrorCodes.Internal;
            extensions["codes"] = new[] { ErrorCodes.Internal };
            info.Extensions = extensions;
        }

        return info;
    }
}
