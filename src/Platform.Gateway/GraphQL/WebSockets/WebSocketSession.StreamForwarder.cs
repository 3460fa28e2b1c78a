using GraphQL;

namespace Platform.Gateway.GraphQL.WebSockets;

public sealed partial class WebSocketSession
{
    /// <summary>Forwards one subscription's results to the client as next / error / complete messages.</summary>
    private sealed class StreamForwarder(WebSocketSession session, string id) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) => session.ForwardNext(id, value);

        public void OnError(Exception error) => session.ForwardFailure(id, error);

        public void OnCompleted() => session.Finish(id, ProtocolMessages.Complete(id));
    }

    /// <summary>Holds an operation id while the operation starts, so a second subscribe with it is refused.</summary>
    private sealed class StartingOperation : IDisposable
    {
        public static readonly StartingOperation Instance = new();

        public void Dispose()
        {
        }
    }
}
