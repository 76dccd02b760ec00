using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Zowor.Portal.Platform.Operations;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Platform.Operations;

/// <summary>
/// With <c>OpenTelemetry:OtlpEndpoint</c> set, the portal exports traces, metrics (its own <c>Zowor.Portal</c> meter
/// included) and logs over OTLP/HTTP (issue 18). The receiver is a real HTTP server in the test: it records what the
/// exporter posts to <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c>; the protobuf bodies are searched for
/// the strings they must carry (protobuf keeps strings as plain UTF-8), so no collector is needed.
/// </summary>
[Collection(PortalHostCollection.Name)]
public sealed class TelemetryExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithOtlpEndpoint_TracesMetricsAndLogs_AreExported()
    {
        await using var receiver = await OtlpReceiver.StartAsync(Ct);
        await using var app = new PortalAppFactory(new PortalAppOptions
        {
            SeedDemoData = false,
            Settings = new Dictionary<string, string?>
            {
                ["OpenTelemetry:OtlpEndpoint"] = receiver.Address.ToString(),
                ["OpenTelemetry:OtlpProtocol"] = "HttpProtobuf",
                // The SDK reads the standard OTEL_* settings from configuration: export every half second, not every minute.
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
                ["Logging:LogLevel:Default"] = "Information",
            },
        });
        await app.StartKestrelAsync(Ct);
        using var http = new HttpClient { BaseAddress = app.ServerAddress };
        using (var probe = await http.GetAsync("health/live", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        }

        await receiver.WaitForAsync("/v1/traces", "/health/live", Ct);
        await receiver.WaitForAsync("/v1/metrics", "zowor.complaints.open", Ct);
        await receiver.WaitForAsync("/v1/logs", "Zowor Complaints Portal is ready", Ct);
        Assert.True(receiver.Received("/v1/traces", PortalTelemetry.ServiceName), "The spans do not carry the service name.");
        Assert.True(receiver.Received("/v1/metrics", "http.server.request.duration"), "ASP.NET Core's request metrics were not exported.");
    }

    /// <summary>An OTLP/HTTP endpoint on loopback that accepts every export and keeps the bodies by path.</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _bodies;

        private OtlpReceiver(WebApplication app, ConcurrentQueue<(string Path, byte[] Body)> bodies, Uri address)
        {
            _app = app;
            _bodies = bodies;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var bodies = new ConcurrentQueue<(string, byte[])>();
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
                bodies.Enqueue((context.Request.Path.Value!, buffer.ToArray()));
                context.Response.ContentType = "application/x-protobuf";
                return Results.Ok();
            });
            await app.StartAsync(cancellationToken);
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new OtlpReceiver(app, bodies, new Uri(bound));
        }

        public bool Received(string path, string text)
        {
            var needle = Encoding.UTF8.GetBytes(text);
            return _bodies.Any(b => b.Path == path && b.Body.AsSpan().IndexOf(needle) >= 0);
        }

        public async Task WaitForAsync(string path, string text, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (!Received(path, text))
            {
                try
                {
                    await Task.Delay(100, timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    var seen = string.Join(", ", _bodies.GroupBy(b => b.Path).Select(g => $"{g.Key} x{g.Count()}"));
                    Assert.Fail($"Nothing containing '{text}' was exported to {path} within 30 s (received: {(seen.Length > 0 ? seen : "nothing")}).");
                }
            }
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
