using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Zowor.Portal.Components.Shared;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Domain.Complaints;
using Zowor.Portal.Features.Complaints;
using Zowor.Portal.Platform.Identity;
using Zowor.Portal.Platform.Localization;
using Zowor.Portal.Tests.Support;

namespace Zowor.Portal.Tests.Platform.Localization;

/// <summary>
/// Keeps <c>Resources/Platform/Localization/SharedResource.ru.resx</c> in step with the code. English text is the key,
/// so every string the UI sends through <c>L[...]</c> needs a Russian entry, and entries nobody uses any more go.
/// Where the keys come from:
/// <list type="bullet">
/// <item>(a) every <c>L["..."]</c> literal in .razor/.cs files of Zowor.Portal;</item>
/// <item>(b) every <c>ErrorMessage = "..."</c> and <c>new ValidationResult("...")</c> there (LocalizedValidator routes them through L);</item>
/// <item>(c) every literal message of a user-facing exception (DomainException and its subclasses) in Zowor.Portal.Domain and
///     Zowor.Portal/Features and Zowor.Portal/Platform, including the <c>Required(value, "...")</c> helper of ComplaintService; interpolated
///     messages ($"...") cannot be keys and are not looked for;</item>
/// <item>(d) <c>EnumText.Of</c> of every value of every public enum of the domain assembly, <c>EnumText.OfName</c> of every
///     ComplaintHistoryKinds constant, and every button label of <c>WorkflowActions.Label</c>;</item>
/// <item>(e) the messages of ComplaintConflictException and PortalAccessDeniedException.</item>
/// </list>
/// </summary>
public sealed partial class LocalizationTests
{
    private const string ResxRelativePath = "Zowor.Portal/Resources/Platform/Localization/SharedResource.ru.resx";

    // A regular (non-verbatim, non-interpolated) C# string literal; the look-behind keeps $"..." and @"..." out.
    private const string Literal = @"(?<![$@""])""(?<text>(?:[^""\\\r\n]|\\.)*)""";

    [Fact]
    public void EveryKeyUsedByThePortal_HasARussianTranslation()
    {
        var keys = CollectKeys();
        var russian = ReadResx();

        var missing = keys.Keys.Where(k => !russian.TryGetValue(k, out var text) || string.IsNullOrWhiteSpace(text)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, MissingMessage(missing, keys));
    }

    [Fact]
    public void TheResx_HasNoStaleKeys()
    {
        var keys = CollectKeys();
        var stale = ReadResx().Keys.Where(k => !keys.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();

        Assert.True(
            stale.Count == 0,
            $"{stale.Count} key(s) in {ResxRelativePath} are no longer used anywhere in the portal; delete their <data> elements "
            + "(or, if the text was only reworded, rename the key):" + Environment.NewLine
            + string.Join(Environment.NewLine, stale.Select(k => "  " + k)));
    }

    [Fact]
    public void TheResx_HasNoDuplicateKeysIgnoringCaseOrEmptyEntries()
    {
        var entries = ReadResxEntries();

        // The resource build compares names ignoring case (MSB3568) and keeps only the first, so "Overdue" and "overdue"
        // are one key: the second translation would silently never show.
        var duplicates = entries.GroupBy(e => e.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => string.Join(" = ", g.Select(e => $"\"{e.Key}\" ({e.Value})"))).ToList();
        var empty = entries.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).ToList();

        Assert.True(duplicates.Count == 0, $"Duplicate keys (ignoring case) in {ResxRelativePath}; keep one translation each:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", duplicates));
        Assert.True(empty.Count == 0, "Keys with an empty Russian text: " + string.Join(" | ", empty));
    }

    [Fact]
    public void EveryTranslation_KeepsThePlaceholdersOfItsKey()
    {
        var wrong = new List<string>();
        foreach (var (key, text) in ReadResx())
        {
            var expected = Placeholders(key);
            var actual = Placeholders(text);
            if (!expected.SequenceEqual(actual))
            {
                wrong.Add($"  \"{key}\" has {Show(expected)}, but \"{text}\" has {Show(actual)}");
            }
            else if (expected.Count > 0 && !FormatsCleanly(text, expected))
            {
                wrong.Add($"  \"{text}\" (for \"{key}\") is not a valid format string (stray {{ or }})");
            }
        }

        Assert.True(wrong.Count == 0, "Translations whose {n} placeholders differ from their key's:" + Environment.NewLine + string.Join(Environment.NewLine, wrong));

        static string Show(IReadOnlyList<string> placeholders) => placeholders.Count == 0 ? "no placeholders" : string.Join(" ", placeholders);
    }

    [Fact]
    public void TheAppsLocalizer_ReadsTheRussianResx()
    {
        // The portal's own registration (AddPortalLocalization), so a wrong ResourcesPath or resx location fails here.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.AddPortalLocalization();
        using var services = builder.Services.BuildServiceProvider();
        var localizer = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ru");
            var russian = localizer["Live queue"];
            Assert.False(russian.ResourceNotFound, $"No Russian text for \"Live queue\" was found under {russian.SearchedLocation}.");
            Assert.Equal("Очередь жалоб", russian.Value);
            Assert.Equal("Уровень 2", string.Format(CultureInfo.CurrentCulture, localizer["Level {0}"], 2));
            Assert.Equal("Частичный возврат средств", localizer[EnumText.Of(ResolutionKind.PartialRefund)].Value);

            // A more specific Russian culture falls back to the neutral "ru" file.
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ru-RU");
            Assert.Equal("Очередь жалоб", localizer["Live queue"].Value);

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var english = localizer["Live queue"];
            Assert.Equal("Live queue", english.Value);
            Assert.True(english.ResourceNotFound);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    // ---- Collecting the keys ----

    /// <summary>Every key the portal can send through the localizer, each with one place it comes from.</summary>
    internal static IReadOnlyDictionary<string, string> CollectKeys()
    {
        var root = RepositoryRoot.Path;
        var portal = Path.Combine(root, "Zowor.Portal");
        var domain = Path.Combine(root, "Zowor.Portal.Domain");
        var keys = new SortedDictionary<string, string>(StringComparer.Ordinal);

        void Add(string key, string origin) => keys.TryAdd(key, origin);

        // (a) L["..."] and (b) validation messages, anywhere in the web project.
        foreach (var file in SourceFiles(portal, "*.razor", "*.cs"))
        {
            var text = File.ReadAllText(file);
            var origin = Path.GetRelativePath(root, file).Replace('\\', '/');
            foreach (var regex in new[] { LocalizerIndexer(), ErrorMessageArgument(), ValidationResultMessage() })
            {
                foreach (Match match in regex.Matches(text))
                {
                    Add(Unescape(match.Groups["text"].Value), origin);
                }
            }
        }

        // (c) literal messages of user-facing exceptions, in the domain and in the web project's features and platform.
        var thrown = UserFacingExceptionNames();
        var exceptionMessage = new Regex(@"\bnew\s+(?:[\w.]+\.)?(?:" + string.Join("|", thrown) + @")\s*\(\s*" + Literal);
        // ... and a target-typed one: a member declared to return the exception, whose body is new("...").
        var targetTypedMessage = new Regex(@"\b(?:" + string.Join("|", thrown) + @")\s+\w+\([^)]*\)\s*=>\s*new\s*\(\s*" + Literal);
        foreach (var file in SourceFiles(domain, "*.cs").Concat(SourceFiles(Path.Combine(portal, "Features"), "*.cs", "*.razor")).Concat(SourceFiles(Path.Combine(portal, "Platform"), "*.cs", "*.razor")))
        {
            var text = File.ReadAllText(file);
            var origin = Path.GetRelativePath(root, file).Replace('\\', '/');
            foreach (var regex in new[] { exceptionMessage, targetTypedMessage, RequiredHelperMessage(), GuardFieldName() })
            {
                foreach (Match match in regex.Matches(text))
                {
                    Add(Unescape(match.Groups["text"].Value), origin);
                }
            }
        }

        // (d) enum values and timeline kinds as EnumText spells them, and the workflow buttons' own labels.
        foreach (var type in typeof(ComplaintStatus).Assembly.GetExportedTypes().Where(t => t.IsEnum).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (var name in Enum.GetNames(type))
            {
                Add(EnumText.OfName(name), $"EnumText.Of({type.Name}.{name})");
            }
        }

        foreach (var field in typeof(ComplaintHistoryKinds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            Add(EnumText.OfName((string)field.GetRawConstantValue()!), $"EnumText.OfName(ComplaintHistoryKinds.{field.Name})");
        }

        foreach (var action in Enum.GetValues<ComplaintAction>())
        {
            foreach (var status in Enum.GetValues<ComplaintStatus>())
            {
                Add(WorkflowActions.Label(action, status), $"WorkflowActions.Label({action}, {status})");
            }
        }

        // Names the workflow puts into its refusal message ("“{1}” is not possible while the complaint is in the status “{0}”.").
        foreach (var status in Enum.GetValues<ComplaintStatus>())
        {
            Add(ComplaintWorkflow.Describe(status), $"ComplaintWorkflow.Describe({status})");
        }

        foreach (var action in Enum.GetValues<ComplaintAction>())
        {
            Add(ComplaintWorkflow.Describe(action), $"ComplaintWorkflow.Describe({action})");
        }

        // (e) the exceptions whose fixed message the pages show.
        Add(new ComplaintConflictException().Message, nameof(ComplaintConflictException));
        Add(new Zowor.Portal.Domain.Capa.CapaConflictException([], 0).Message, nameof(Zowor.Portal.Domain.Capa.CapaConflictException));
        Add(new PortalAccessDeniedException().Message, nameof(PortalAccessDeniedException));

        keys.Remove(string.Empty);
        return keys;
    }

    /// <summary>DomainException and every subclass of it in the domain and web assemblies: the exceptions pages show as L[ex.Message].</summary>
    private static IReadOnlyList<string> UserFacingExceptionNames() =>
        new[] { typeof(DomainException).Assembly, typeof(SharedResource).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(DomainException).IsAssignableFrom(t))
            .Select(t => t.Name)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<string> SourceFiles(string folder, params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(folder, p, SearchOption.AllDirectories))
            .Where(f => !IsBuildOutput(Path.GetRelativePath(folder, f)))
            .Order(StringComparer.Ordinal);

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj");

    /// <summary>Turns the body of a regular C# string literal into its value.</summary>
    private static string Unescape(string body)
    {
        if (!body.Contains('\\', StringComparison.Ordinal))
        {
            return body;
        }

        var text = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\' || i + 1 == body.Length)
            {
                text.Append(body[i]);
                continue;
            }

            var c = body[++i];
            switch (c)
            {
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case '0': text.Append('\0'); break;
                case 'u' when i + 4 < body.Length:
                    text.Append((char)int.Parse(body.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: text.Append(c); break; // \" \\ \'
            }
        }

        return text.ToString();
    }

    // ---- Reading the resx ----

    private static IReadOnlyList<KeyValuePair<string, string>> ReadResxEntries()
    {
        var path = Path.Combine(RepositoryRoot.Path, ResxRelativePath);
        Assert.True(File.Exists(path), $"{ResxRelativePath} does not exist.");
        return XDocument.Load(path).Root!.Elements("data")
            .Where(d => d.Attribute("type") is null && d.Attribute("mimetype") is null)
            .Select(d => KeyValuePair.Create((string)d.Attribute("name")!, (string?)d.Element("value") ?? string.Empty))
            .ToList();
    }

    private static IReadOnlyDictionary<string, string> ReadResx()
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in ReadResxEntries())
        {
            entries.TryAdd(key, value);
        }

        return entries;
    }

    private static string MissingMessage(IReadOnlyList<string> missing, IReadOnlyDictionary<string, string> keys)
    {
        var message = new StringBuilder();
        message.AppendLine(CultureInfo.InvariantCulture, $"{missing.Count} of {keys.Count} localization key(s) have no Russian text in {ResxRelativePath}.");
        message.AppendLine("Add them (translated; keep any {0}-style placeholders):");
        message.AppendLine();
        foreach (var key in missing)
        {
            message.AppendLine(CultureInfo.InvariantCulture, $"  \"{key}\"    <- {keys[key]}");
        }

        message.AppendLine();
        message.AppendLine("Ready to paste into the resx (replace TODO with the Russian text):");
        foreach (var key in missing)
        {
            var name = new XAttribute("name", key).ToString();
            message.AppendLine(CultureInfo.InvariantCulture, $"  <data {name} xml:space=\"preserve\"><value>TODO</value></data>");
        }

        return message.ToString();
    }

    // ---- Placeholders ----

    private static List<string> Placeholders(string text) =>
        FormatItem().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal).ToList();

    private static bool FormatsCleanly(string text, IReadOnlyList<string> placeholders)
    {
        var count = placeholders.Select(p => int.Parse(FormatItem().Match(p).Groups["index"].Value, CultureInfo.InvariantCulture)).Max() + 1;
        try
        {
            _ = string.Format(CultureInfo.InvariantCulture, text, Enumerable.Repeat<object?>("x", count).ToArray());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // ---- Patterns ----

    [GeneratedRegex(@"\bL\[\s*" + Literal + @"\s*\]")]
    private static partial Regex LocalizerIndexer();

    [GeneratedRegex(@"\bErrorMessage\s*=\s*" + Literal)]
    private static partial Regex ErrorMessageArgument();

    [GeneratedRegex(@"\bnew\s+(?:System\.ComponentModel\.DataAnnotations\.)?ValidationResult\s*\(\s*" + Literal)]
    private static partial Regex ValidationResultMessage();

    /// <summary>ComplaintService's <c>Required(form.Value, "message")</c> throws a DomainException with the message.</summary>
    [GeneratedRegex(@"\bRequired\(\s*[\w.?!]+\s*,\s*" + Literal + @"\s*\)")]
    private static partial Regex RequiredHelperMessage();

    [GeneratedRegex(@"(?<!\{)\{(?<index>\d+)(?:,-?\d+)?(?::[^{}]*)?\}(?!\})")]
    private static partial Regex FormatItem();

    /// <summary>Guard.Text(value, "Field name", ...) puts the field name into "{0} is required." and friends.</summary>
    [GeneratedRegex(@"\bGuard\.(?:Optional)?Text\([^,]+,\s*" + Literal)]
    private static partial Regex GuardFieldName();
}
