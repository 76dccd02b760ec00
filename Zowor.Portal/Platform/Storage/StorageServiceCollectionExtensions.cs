namespace Zowor.Portal.Platform.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Where the portal keeps files (section <c>Storage</c>); Mail, Mailbox and Evidence keep theirs under it.</summary>
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<StorageOptions>(builder.Configuration.GetSection(StorageOptions.Section));
        builder.Services.AddSingleton<DataFolders>();
        return builder;
    }
}
