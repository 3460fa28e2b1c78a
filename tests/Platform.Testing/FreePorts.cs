using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

public static class FreePorts
{
    // Below Linux's ephemeral range (32768-60999): a port the kernel handed out as free could be taken again by any
    // outgoing connection (a database or HTTP client) before the node listens on it, which a test run saw
    // ("address already in use"). Ports here are only ever taken by a listener.
    private const int First = 20_000;
    private const int Last = 32_000;
    private static readonly HashSet<int> Given = [];

    /// <summary>A loopback TCP port nobody listens on right now, outside the ephemeral range, never given twice by this process.</summary>
    public static int Next()
    {
        lock (Given)
        {
            while (true)
            {
                var port = Random.Shared.Next(First, Last);
                if (Given.Add(port) && IsFree(port))
                {
                    return port;
                }
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
