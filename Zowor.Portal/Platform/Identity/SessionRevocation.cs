namespace Zowor.Portal.Platform.Identity;

/// <summary>
/// Tells this node's open circuits that a user's sessions ended (sign-out, password change, deactivation), so a circuit
/// signs out at once instead of at its next periodic revalidation. Circuits on other nodes learn it at that revalidation
/// (<c>Identity:CircuitRevalidationSeconds</c>); HTTP requests check the security stamp on every request.
/// </summary>
public sealed class SessionRevocation
{
    /// <summary>Raised with the user's id and the state provider of the request that ends them, which keeps its session.</summary>
    public event Action<string, object?>? Revoked;

    /// <summary>Ends the user's sessions on this node's circuits, except the one of <paramref name="keep"/> (the page changing the password).</summary>
    public void Revoke(string userId, object? keep = null) => Revoked?.Invoke(userId, keep);
}
