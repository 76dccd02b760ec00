using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Zowor.Portal.Domain.Common;
using Zowor.Portal.Platform.Localization;

namespace Zowor.Portal.Features.Categories;

/// <summary>The Admin's page for the taxonomies; the service re-checks the Admin policy on every call.</summary>
public sealed partial class TaxonomyPage
{
    private IReadOnlyList<ComplaintCategory> _categories = [];
    private IReadOnlyList<RootCauseCategoryName> _rootCauses = [];
    private IReadOnlyList<ProductEntry> _products = [];
    private IReadOnlyList<UnmappedProduct> _unmapped = [];
    private CategoryForm _category = new();
    private RootCauseNameForm? _rootCause;
    private ProductForm _product = new();
    private readonly HashSet<string> _ticked = new(StringComparer.Ordinal);
    private long? _mapTo;
    private int _tab;
    private bool _busy;
    private string? _error;

    [Inject] private TaxonomyService Taxonomy { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private static string Culture => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        NewCategory();
    }

    private async Task LoadAsync()
    {
        _categories = await Taxonomy.GetCategoriesAsync();
        _rootCauses = await Taxonomy.GetRootCausesAsync();
        _products = await Taxonomy.GetProductsAsync();
        _unmapped = await Taxonomy.GetUnmappedAsync();
        _ticked.IntersectWith(_unmapped.Select(u => u.Spelling));
    }

    private void NewCategory()
    {
        _category = new CategoryForm { SortOrder = _categories.Count == 0 ? 10 : _categories.Max(c => c.SortOrder) + 10 };
        _error = null;
    }

    private void EditCategory(ComplaintCategory category)
    {
        _category = CategoryForm.From(category);
        _error = null;
    }

    private void Tick(string spelling, bool ticked)
    {
        if (ticked)
        {
            _ticked.Add(spelling);
        }
        else
        {
            _ticked.Remove(spelling);
        }
    }

    private Task SaveCategoryAsync() => RunAsync(async () =>
    {
        var code = await Taxonomy.SaveCategoryAsync(_category);
        _category.OriginalCode = code;
    }, L["Saved."]);

    private Task SaveRootCauseAsync() => RunAsync(() => Taxonomy.SaveRootCauseAsync(_rootCause!), L["Saved."]);

    private Task SaveProductAsync() => RunAsync(async () => _product.Id = await Taxonomy.SaveProductAsync(_product), L["Saved."]);

    private Task MapAsync() => RunAsync(async () =>
    {
        var mapped = await Taxonomy.MapSpellingsAsync(_ticked.ToList(), _mapTo!.Value);
        _ticked.Clear();
        Snackbar.Add(string.Format(CultureInfo.CurrentCulture, L["{0} complaints mapped."], mapped), Severity.Success);
    }, null);

    /// <summary>Runs one save; a refusal shows its message and the form keeps what was typed.</summary>
    private async Task RunAsync(Func<Task> save, LocalizedString? done)
    {
        _busy = true;
        _error = null;
        try
        {
            await save();
            await LoadAsync();
            if (done is not null)
            {
                Snackbar.Add(done, Severity.Success);
            }
        }
        catch (DomainException ex)
        {
            _error = L.Localize(ex);
        }
        finally
        {
            _busy = false;
        }
    }
}
