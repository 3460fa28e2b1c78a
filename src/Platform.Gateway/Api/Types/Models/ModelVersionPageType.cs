using Platform.Storage.Models;

namespace Platform.Gateway.Api.Types.Models;

public sealed class ModelVersionPageType() : PageGraphType<ModelVersionType, ModelVersionRecord>("ModelVersionPage", "One page of model versions, newest first.", "The versions of this page.");
