namespace Platform.Abstractions.Progress;

/// <summary>Names of the kinds of background runs that publish progress.</summary>
public static class RunKinds
{
    public const string SystemCheck = "systemCheck";
    public const string Import = "import";
    public const string Training = "training";
    public const string Optimization = "optimization";
}
