using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;

namespace Zowor.Portal.Features.Search;

public static class SearchServiceCollectionExtensions
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ComplaintSearchService>();
        // Search:IndexSeconds: how often new complaints are indexed (SearchIndexer); a search indexes them first anyway.
        var interval = TimeSpan.FromSeconds(Math.Max(0.1, builder.Configuration.GetValue("Search:IndexSeconds", 1.0)));
        builder.Services.AddSingleton(sp => new SearchIndexer(
            sp.GetRequiredService<IDbContextFactory<PortalDbContext>>(), interval, sp.GetRequiredService<ILogger<SearchIndexer>>()));
        if (builder.Configuration.GetValue("Search:IndexInBackground", true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        }

        return builder;
    }
}
