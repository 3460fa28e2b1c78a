namespace Platform.Grains;

/// <summary>Names of the storage providers grains persist to (configured by the silo host).</summary>
public static class GrainStorage
{
    /// <summary>ADO.NET grain storage on the platform PostgreSQL database.</summary>
    public const string Name = "platform";
}
