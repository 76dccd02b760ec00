using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using Zowor.Portal.Platform.Localization;

namespace Zowor.Portal.Components.Shared;

/// <summary>
/// Data-annotations validation for forms, with every message routed through the portal's localizer
/// (Blazor's own validator shows the raw English text). Validates the whole model, including
/// <see cref="IValidatableObject"/> rules, on submit and on each field change.
/// </summary>
public sealed class LocalizedValidator : ComponentBase, IDisposable
{
    private ValidationMessageStore? _messages;
    private EditContext? _context;
    private readonly HashSet<FieldIdentifier> _invalid = [];

    [CascadingParameter]
    private EditContext? CurrentEditContext { get; set; }

    [Inject]
    private IStringLocalizer<SharedResource> L { get; set; } = default!;

    protected override void OnParametersSet()
    {
        if (CurrentEditContext == _context)
        {
            return;
        }

        Detach();
        _context = CurrentEditContext ?? throw new InvalidOperationException($"{nameof(LocalizedValidator)} must be inside an EditForm.");
        _messages = new ValidationMessageStore(_context);
        _context.OnValidationRequested += OnValidationRequested;
        _context.OnFieldChanged += OnFieldChanged;
    }

    public void Dispose() => Detach();

    private void OnValidationRequested(object? sender, ValidationRequestedEventArgs e) => ValidateAll(onlyField: null);

    private void OnFieldChanged(object? sender, FieldChangedEventArgs e) => ValidateAll(e.FieldIdentifier);

    private void ValidateAll(FieldIdentifier? onlyField)
    {
        if (_context is null || _messages is null)
        {
            return;
        }

        var model = _context.Model;
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        // TryValidateObject skips IValidatableObject while property errors exist; the cross-field rules matter as much.
        if (model is IValidatableObject validatable && results.Count > 0)
        {
            results.AddRange(validatable.Validate(new ValidationContext(model)));
        }

        var byField = results
            .SelectMany(r => r.MemberNames.DefaultIfEmpty(string.Empty).Select(member => (Field: new FieldIdentifier(model, member), Message: L[r.ErrorMessage ?? string.Empty].Value)))
            // TryValidateObject already ran Validate when the properties were valid; a rule must not show twice.
            .Distinct()
            .ToLookup(x => x.Field, x => x.Message);

        // On submit every field is checked. On a field change, that field and every field already showing a message are
        // refreshed: a cross-field message (at least one contact) clears as soon as the other field fixes it, while
        // untouched fields stay quiet until the first submit.
        var refresh = onlyField is { } field ? _invalid.Append(field).Distinct().ToList() : byField.Select(g => g.Key).Concat(_invalid).Distinct().ToList();
        foreach (var target in refresh)
        {
            _messages.Clear(target);
            _invalid.Remove(target);
            foreach (var message in byField[target])
            {
                _messages.Add(target, message);
                _invalid.Add(target);
            }
        }

        _context.NotifyValidationStateChanged();
    }

    private void Detach()
    {
        if (_context is not null)
        {
            _context.OnValidationRequested -= OnValidationRequested;
            _context.OnFieldChanged -= OnFieldChanged;
        }
    }
}
