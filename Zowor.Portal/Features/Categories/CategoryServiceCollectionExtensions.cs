namespace Zowor.Portal.Features.Categories;

public static class CategoryServiceCollectionExtensions
{
    /// <summary>Complaint categories and the Admin's taxonomy (categories, root causes and their names).</summary>
    public static WebApplicationBuilder AddCategories(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CategoryService>();
        builder.Services.AddScoped<TaxonomyService>();
        return builder;
    }
}
