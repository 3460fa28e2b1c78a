namespace Platform.Domain.Jobs;

/// <summary>
/// What a tenant reads on a run (training, system check) that failed on an error the platform did not expect: a
/// sentence, never an exception's type, message or stack trace (which can hold database error text); the worker's log
/// has the details.
/// </summary>
public static class RunFailures
{
    public const string ServerError = "The run failed on a server error; the worker's log has the details.";
}
