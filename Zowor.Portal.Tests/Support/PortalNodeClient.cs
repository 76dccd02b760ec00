using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Zowor.Portal.Data;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Domain.Escalation;
using Zowor.Portal.Features.Complaints;

namespace Zowor.Portal.Tests.Support;

/// <summary>
/// A signed-in HTTP client for one <see cref="PortalNode"/>: signs in through the real login form (antiforgery
/// token included) and calls the JSON complaint API. <see cref="PortalClient"/> only targets in-process hosts.
/// </summary>
public sealed class PortalNodeClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private PortalNodeClient(HttpClient http, CookieContainer cookies)
    {
        Http = http;
        Cookies = cookies;
    }

    public HttpClient Http { get; }

    /// <summary>The cookie jar, with the sign-in cookie; hand it to a SignalR client.</summary>
    public CookieContainer Cookies { get; }

    /// <summary>Signs in through the real login form (<see cref="StaffSession"/>, the benchmarks' sign-in too).</summary>
    public static async Task<PortalNodeClient> SignInAsync(Uri baseAddress, string email, string password = DbSeeder.DemoPassword, CancellationToken cancellationToken = default)
    {
        var session = await StaffSession.SignInAsync(baseAddress, email, password, TimeSpan.FromSeconds(30), cancellationToken);
        return new PortalNodeClient(session.Http, session.Cookies);
    }

    public async Task<ComplaintState> GetComplaintAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync($"api/complaints/{id}", cancellationToken);
        await EnsureAsync(response, $"GET api/complaints/{id}", cancellationToken);
        return (await response.Content.ReadFromJsonAsync<ComplaintState>(Json, cancellationToken))!;
    }

    /// <summary>Logs an outbound phone call on the complaint at its current version (read first).</summary>
    public async Task LogCommunicationAsync(Guid id, string summary, CancellationToken cancellationToken = default) =>
        await PostCommunicationAsync(id, (await GetComplaintAsync(id, cancellationToken)).Version, summary, cancellationToken);

    /// <summary>Logs an outbound phone call on the complaint, which must be at <paramref name="version"/>.</summary>
    public async Task PostCommunicationAsync(Guid id, long version, string summary, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync($"api/complaints/{id}/communications",
            new CommunicationRequest(CommunicationDirection.Outbound, CommunicationChannel.Phone, summary, version), Json, cancellationToken);
        await EnsureAsync(response, $"POST api/complaints/{id}/communications", cancellationToken);
    }

    /// <summary>Escalates the complaint at its current version (read first).</summary>
    public async Task EscalateAsync(Guid id, EscalationLevel level, string reason, CancellationToken cancellationToken = default) =>
        await PostEscalationAsync(id, (await GetComplaintAsync(id, cancellationToken)).Version, level, reason, cancellationToken);

    /// <summary>Escalates the complaint, which must be at <paramref name="version"/>.</summary>
    public async Task PostEscalationAsync(Guid id, long version, EscalationLevel level, string reason, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync($"api/complaints/{id}/escalations",
            new EscalationRequest(level, reason, version), Json, cancellationToken);
        await EnsureAsync(response, $"POST api/complaints/{id}/escalations", cancellationToken);
    }

    public void Dispose() => Http.Dispose();

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{what} answered HTTP {(int)response.StatusCode}: {body}");
        }
    }
}
