using BotProtocol.Dialogs;
using BotProtocol.Turns;
using ProtectionBot.Content;

namespace ProtectionBot.Conversation;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>The route table and the dialogs it runs; built once, stateless between turns.</summary>
    public static IHostApplicationBuilder AddConversation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CommandWords>();
        builder.Services.AddSingleton(services =>
        {
            var set = new DialogSet(services.GetRequiredService<ILogger<DialogSet>>());
            var demo = new DemoDialog(services.GetRequiredService<TextCatalog>(), services.GetRequiredService<CardTemplates>());
            foreach (var dialog in demo.Dialogs())
                set.Add(dialog);
            return set;
        });
        builder.Services.AddSingleton<ConversationRoutes>();
        builder.Services.AddSingleton<IBot>(services => services.GetRequiredService<ConversationRoutes>().Build());
        return builder;
    }
}
