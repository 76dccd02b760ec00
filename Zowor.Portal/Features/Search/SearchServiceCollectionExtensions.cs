namespace Zowor.Portal.Features.Search;

public static class SearchServiceCollectionExtensions
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ComplaintSearchService>();
        return builder;
    }
}
