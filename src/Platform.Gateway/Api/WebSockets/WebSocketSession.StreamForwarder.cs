using GraphQL;

namespace Platform.Gateway.Api.WebSockets;

public sealed partial class WebSocketSession
{
    /// <summary>Forwards one subscription's results to the client as next / error / complete messages.</summary>
    private sealed class StreamForwarder(WebSocketSession session, string id, Operation operation) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) => session.ForwardNext(id, operation, value);

        public void OnError(Exception error) => session.ForwardFailure(id, operation, error);

        public void OnCompleted() => session.Finish(id, operation, ProtocolMessages.Complete(id));
    }

    /// <summary>
    /// One running operation: its cancellation and, for subscriptions, its stream. Disposing it stops
    /// both; a stream attached after that is stopped at once.
    /// </summary>
    private sealed class Operation : IDisposable
    {
        private readonly CancellationTokenSource cancellation;
        private IDisposable? stream;
        private bool disposed;

        public Operation(CancellationToken connection)
        {
            cancellation = CancellationTokenSource.CreateLinkedTokenSource(connection);
            Cancellation = cancellation.Token; // kept: the token stays readable after Dispose
        }

        public CancellationToken Cancellation { get; }

        public void Attach(IDisposable subscription)
        {
            lock (cancellation)
            {
                if (!disposed)
                {
                    stream = subscription;
                    return;
                }
            }

            subscription.Dispose();
        }

        public void Dispose()
        {
            lock (cancellation)
            {
                if (disposed)
                {
                    return;
                }

                disposed = true;
            }

            cancellation.Cancel();
            stream?.Dispose();
            cancellation.Dispose();
        }
    }
}
