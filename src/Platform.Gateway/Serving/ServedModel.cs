using Platform.ML.Uplift;

namespace Platform.Gateway.Serving;

/// <summary>
/// An ACTIVE uplift version loaded on this node. Requests hold it while they score; once a newer version replaces it (or
/// it sat idle), it is retired and its native memory is freed when the last holder lets go.
/// </summary>
public sealed class ServedModel(Guid versionId, UpliftModel model)
{
    private readonly Lock gate = new();
    private int holders;
    private bool retired;

    public Guid VersionId { get; } = versionId;

    public UpliftModel Model { get; } = model;

    /// <summary>A hold on the model for one request, or null when it was retired meanwhile.</summary>
    public ModelLease? TryHold()
    {
        lock (gate)
        {
            if (retired)
            {
                return null;
            }

            holders++;
            return new ModelLease(this);
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
public sealed class ModelLease(ServedModel served) : IDisposable
{
    private int released;

    public Guid VersionId => served.VersionId;

    public UpliftModel Model => served.Model;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            served.Release();
        }
    }
}
