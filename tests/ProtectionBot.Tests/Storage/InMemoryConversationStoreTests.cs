using BotProtocol.State;

namespace ProtectionBot.Tests.Storage;

public sealed class InMemoryConversationStoreTests : ConversationStoreContract
{
    protected override IConversationStore CreateStore() => new InMemoryConversationStore(Time);
}
