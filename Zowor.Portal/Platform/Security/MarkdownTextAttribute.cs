namespace Zowor.Portal.Platform.Security;

/// <summary>
/// A field whose text is Markdown, outside the plain-text input policy on purpose: a memo's body may quote "&lt;" and
/// "&gt;" and uses Markdown's own markup. It is made safe where it is shown (<see cref="Memos.MemoMarkdown"/> escapes raw
/// HTML and drops unsafe link addresses), so a field marked here must only ever be rendered through it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MarkdownTextAttribute : Attribute;
