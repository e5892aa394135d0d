namespace BotProtocol.State;

/// <summary>
/// Something the bot must get to someone outside the turn that decided it (a proactive message, a card into a
/// caseworker's channel, a timer), kept in the same store as the conversation until it is delivered.
/// </summary>
/// <param name="Id">Unique key: enqueuing the same id twice keeps the first, which makes redeliveries harmless.</param>
/// <param name="Kind">Selects the <c>IOutboxHandler</c> that delivers it.</param>
/// <param name="Owner">
/// The state key of the conversation it belongs to: erasing that conversation erases what it has not yet sent.
/// </param>
/// <param name="Payload">Opaque to the store; may hold personal data, so stores encrypt it as they do documents.</param>
/// <param name="DueAt">Not delivered before this instant (a timer is a message due later).</param>
public sealed record OutboxMessage(string Id, string Kind, string Owner, ReadOnlyMemory<byte> Payload, DateTimeOffset DueAt);

/// <summary>
/// A message handed to one deliverer until <see cref="LeasedUntil"/>. If that deliverer dies, the lease runs out and
/// another instance takes the message again; <see cref="Token"/> stops the late one from completing it twice.
/// </summary>
/// <param name="Attempt">1 for the first delivery attempt, counting attempts whose deliverer died.</param>
public sealed record OutboxLease(OutboxMessage Message, int Attempt, string Token, DateTimeOffset LeasedUntil);
