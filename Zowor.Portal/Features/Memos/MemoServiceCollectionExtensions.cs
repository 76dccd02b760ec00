namespace Zowor.Portal.Features.Memos;

public static class MemoServiceCollectionExtensions
{
    /// <summary>Memos and their acknowledgements (P-81).</summary>
    public static WebApplicationBuilder AddMemos(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MemoService>();
        return builder;
    }
}
