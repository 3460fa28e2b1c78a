using Platform.Storage.Models;

namespace Platform.Gateway.Api.Types.Models;

public sealed class TrainingRunPageType() : PageGraphType<TrainingRunType, TrainingRunRecord>("TrainingRunPage", "One page of training runs, newest first.", "The runs of this page.");
