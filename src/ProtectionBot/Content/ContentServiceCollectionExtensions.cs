namespace ProtectionBot.Content;

internal static class ContentServiceCollectionExtensions
{
    /// <summary>
    /// Loads and validates the texts of <c>dialogs/</c>, the word lists of <c>dialogs/understanding</c> and the templates of
    /// <c>cards/</c>, and registers how every
    /// dialog asks. Each feature loads its own files the same way (<see cref="LoadContent{T}"/>). Invalid content stops
    /// the start-up with the file and line of each problem.
    /// </summary>
    public static IHostApplicationBuilder AddContent(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.LoadTexts());
        builder.Services.AddSingleton(builder.LoadContent(CardTemplates.Load));
        builder.Services.AddSingleton<Questions>();
        builder.Services.AddSingleton(builder.LoadUnderstandingWords());
        builder.Services.AddSingleton(builder.LoadUnderstandingWords().Lexicon);
        return builder;
    }

    /// <summary>The word lists of <c>dialogs/understanding</c>, for the features that read answers or stories with them.</summary>
    internal static UnderstandingWords LoadUnderstandingWords(this IHostApplicationBuilder builder) => builder.LoadContent(UnderstandingFiles.LoadWords);

    /// <summary>The texts of <c>dialogs/texts</c>, for a feature that builds its vocabulary from them at start-up.</summary>
    internal static TextCatalog LoadTexts(this IHostApplicationBuilder builder) => builder.LoadContent(TextCatalog.Load);

    /// <summary>
    /// Content loaded from <c>Content:Root</c> (default: next to the app, where the build copies it), once per host,
    /// by whichever feature asks first: loading while the host is built, not on first use, is what stops a bad file
    /// before the bot answers anyone.
    /// </summary>
    internal static T LoadContent<T>(this IHostApplicationBuilder builder, Func<string, T> load)
        where T : class
    {
        var key = (typeof(ContentServiceCollectionExtensions), typeof(T));
        if (builder.Properties.TryGetValue(key, out var loaded))
            return (T)loaded;
        var root = builder.Configuration["Content:Root"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, builder.Environment.ContentRootPath)
            : AppContext.BaseDirectory;
        var content = load(root);
        builder.Properties[key] = content;
        return content;
    }
}
