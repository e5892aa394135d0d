namespace ProtectionBot.Content;

public static class ContentServiceCollectionExtensions
{
    /// <summary>
    /// Loads and validates <c>dialogs/</c> and <c>cards/</c> from <c>Content:Root</c> (default: next to the app,
    /// where the build copies them). Invalid content stops the start-up with the file and line of each problem.
    /// </summary>
    public static IHostApplicationBuilder AddContent(this IHostApplicationBuilder builder)
    {
        var root = builder.Configuration["Content:Root"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, builder.Environment.ContentRootPath)
            : AppContext.BaseDirectory;
        builder.Services.AddSingleton(TextCatalog.Load(root));
        builder.Services.AddSingleton(CardTemplates.Load(root));
        return builder;
    }
}
