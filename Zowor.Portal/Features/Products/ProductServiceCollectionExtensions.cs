namespace Zowor.Portal.Features.Products;

public static class ProductServiceCollectionExtensions
{
    /// <summary>The listed products, their aliases and the suggestions on the forms.</summary>
    public static WebApplicationBuilder AddProducts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ProductService>();
        return builder;
    }
}
