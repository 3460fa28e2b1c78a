namespace Platform.Storage.Models;

/// <summary>Stored weights whose checksum does not match: the version is refused, never served.</summary>
public sealed class CorruptWeightsException(Guid versionId) : Exception($"The weights of model version {versionId} do not match their checksum.");
