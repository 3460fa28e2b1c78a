using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Platform.Gateway.Hosting;

namespace Platform.Gateway.Tests;

public sealed class PlatformTracingTests
{
    [Fact]
    public async Task AnOtlpEndpointTurnsTracingOnAndNoneLeavesItOff()
    {
        await using var traced = WebApplication.CreateBuilder().AddPlatformTracing(new TracingOptions { OtlpEndpoint = "http://127.0.0.1:4317" }).Build();
        await using var untraced = WebApplication.CreateBuilder().AddPlatformTracing(new TracingOptions()).Build();

        Assert.NotNull(traced.Services.GetService<TracerProvider>());
        Assert.Null(untraced.Services.GetService<TracerProvider>());
    }
}
