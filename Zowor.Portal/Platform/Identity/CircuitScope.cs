using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Zowor.Portal.Platform.Identity;

/// <summary>
/// Whether this DI scope belongs to a Blazor circuit. <see cref="CurrentUser"/> reads the user from Blazor's
/// authentication state inside a circuit (revalidated while the circuit lives) and from the request everywhere else
/// (endpoints, static pages, the prerender), so an endpoint no longer has to hand its user to Blazor's state first.
/// </summary>
public sealed class CircuitScope
{
    public bool IsCircuit { get; private set; }

    /// <summary>Marks the scope as the circuit opens, before its components are created.</summary>
    internal sealed class Marker(CircuitScope scope) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            scope.IsCircuit = true;
            return Task.CompletedTask;
        }
    }
}
