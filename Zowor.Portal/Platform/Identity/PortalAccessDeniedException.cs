using Microsoft.AspNetCore.Components.Authorization;

namespace Zowor.Portal.Platform.Identity;

/// <summary>The signed-in user may not do what was asked.</summary>
public sealed class PortalAccessDeniedException() : Exception("You are not allowed to do this.");
