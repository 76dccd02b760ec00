namespace Zowor.Portal.Features.Replies;

/// <summary>Composition of replies, internal notes and reply templates.</summary>
public static class ReplyServiceCollectionExtensions
{
    public static WebApplicationBuilder AddReplies(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReplyService>();
        return builder;
    }
}
