namespace Zowor.Portal.Platform.Localization;

/// <summary>
/// Marker for the portal's one string table. English text is the key (so English needs no resource file);
/// <c>Resources/Platform/Localization/SharedResource.ru.resx</c> holds the Russian culture.
/// </summary>
public sealed class SharedResource;
