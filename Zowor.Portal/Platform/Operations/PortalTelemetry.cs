using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Zowor.Portal.Platform.Operations;

/// <summary>
/// OpenTelemetry traces (requests, outgoing HTTP), metrics (the <see cref="PortalMetrics.MeterName"/> meter, ASP.NET Core,
/// HTTP client, runtime) and logs (with their scopes), exported over OTLP when an endpoint is configured:
/// <c>OpenTelemetry:OtlpEndpoint</c> (with <c>OpenTelemetry:OtlpProtocol</c> <c>Grpc</c>, the default, or
/// <c>HttpProtobuf</c>), or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (and the other <c>OTEL_*</c> variables).
/// Without an endpoint nothing is collected, as before (dotnet-counters still reads the meter).
/// </summary>
public static class PortalTelemetry
{
    /// <summary>The service name every signal carries.</summary>
    public const string ServiceName = "Zowor.Portal";

    public static WebApplicationBuilder AddPortalTelemetry(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration["OpenTelemetry:OtlpEndpoint"];
        var standard = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint) && string.IsNullOrWhiteSpace(standard))
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: typeof(PortalTelemetry).Assembly.GetName().Version?.ToString(),
                serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/_framework"))
                .AddHttpClientInstrumentation())
            .WithMetrics(m => m.AddMeter(PortalMetrics.MeterName)
                // The meter's instruments exist once PortalMetrics does; create it now, not at the first complaint change.
                .AddInstrumentation<PortalMetrics>()
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            // Scopes carry ComplaintId and ComplaintReference (README, Logs).
            .WithLogging(configureBuilder: null, configureOptions: o => o.IncludeScopes = true);
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            var protocol = builder.Configuration.GetValue("OpenTelemetry:OtlpProtocol", OtlpExportProtocol.Grpc);
            telemetry.UseOtlpExporter(protocol, new Uri(endpoint));
        }
        else
        {
            // OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_EXPORTER_OTLP_HEADERS... as the specification says.
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}
