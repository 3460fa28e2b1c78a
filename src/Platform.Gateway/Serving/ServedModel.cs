namespace Platform.Gateway.Serving;

/// <summary>
/// An ACTIVE model version loaded on this node. Requests hold it while they score; once a newer version replaces it (or
/// it sat idle), it is retired and its native memory is freed when the last holder lets go.
/// </summary>
public sealed class ServedModel<T>(Guid versionId, T model)
    where T : class, IDisposable
{
    private readonly Lock gate = new();
    private int holders;
    private bool retired;

    public Guid VersionId { get; } = versionId;

    public T Model { get; } = model;

    /// <summary>A hold on the model for one request, or null when it was retired meanwhile.</summary>
    public ModelLease<T>? TryHold()
    {
        lock (gate)
        {
            if (retired)
            {
                return null;
            }

            holders++;
            return new ModelLease<T>(this);
        }
    }

    /// <summary>Lets the model go: freed now if no request holds it, else when the last one lets go. Once only.</summary>
    public void Retire()
    {
        lock (gate)
        {
            if (retired)
            {
                return;
            }

            retired = true;
            if (holders > 0)
            {
                return;
            }
        }

        Model.Dispose();
    }

    internal void Release()
    {
        lock (gate)
        {
            if (--holders > 0 || !retired)
            {
                return;
            }
        }

        Model.Dispose();
    }
}

/// <summary>One request's hold on a served model: every answer of the request comes from this one version.</summary>
public sealed class ModelLease<T>(ServedModel<T> served) : IDisposable
    where T : class, IDisposable
{
    private int released;

    public Guid VersionId => served.VersionId;

    public T Model => served.Model;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            served.Release();
        }
    }
}
