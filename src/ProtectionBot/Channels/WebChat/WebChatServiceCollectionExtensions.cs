using BotProtocol.DirectLine;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ProtectionBot.Channels.WebChat;

internal static class WebChatServiceCollectionExtensions
{
    internal const string DirectLineClient = "WebChat.DirectLine";

    /// <summary>The chat page and the local Direct Line it talks to by default; <see cref="WebChatOptions"/> bound and validated on start.</summary>
    public static IHostApplicationBuilder AddWebChat(this IHostApplicationBuilder builder)
    {
        builder.AddDirectLine();
        builder.Services.AddOptions<WebChatOptions>()
            .BindConfiguration(WebChatOptions.Section)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebChatOptions>, WebChatOptionsValidator>());
        // Only used with an Azure Bot's Direct Line: one token per visitor, fetched server-side with the secret.
        builder.Services.AddHttpClient(DirectLineClient, http => http.Timeout = TimeSpan.FromSeconds(10)).RemoveAllLoggers();
        builder.Services.AddSingleton<WebChatPage>();
        return builder;
    }
}
