using System.Text;
using BotProtocol.State;
using BotProtocol.Turns;
using Microsoft.Extensions.DependencyInjection;
using ProtectionBot.Tests.Infrastructure;
using ProtectionBot.Tests.Privacy;

namespace ProtectionBot.Tests.Http;

/// <summary>
/// A bug or a damaged record must never leave a defender without an answer, nor half-save a turn.
/// </summary>
public sealed class TurnFailureTests
{
    private const string Welcome = "Hola, soy ProtectionBot. Ayudo a personas defensoras de derechos humanos a encontrar mecanismos de protección y formaciones que se ajusten a su situación.";
    private const string Apology = "Lo siento, algo falló de mi lado. Su última respuesta no se guardó: inténtelo de nuevo o escriba «reiniciar».";

    [Fact]
    public async Task A_turn_that_throws_is_answered_with_an_apology_and_the_conversation_goes_on_from_before_it()
    {
        await using var app = new BotApplication(services: services => services.AddSingleton<ITurnMiddleware>(new FailsAfterTheBotOn("me siguen desde la oficina")));
        var bot = new BotClient(app.CreateClient());

        await bot.SayAsync("hola");
        var failed = await bot.SayAsync("me siguen desde la oficina");
        var retried = await bot.SayAsync("Español");

        Assert.Equal([Apology], failed.Select(r => r.Text));
        // The language question is still the one pending: the failed turn left nothing behind.
        Assert.Equal(
            ["Consejo de seguridad: si otra persona puede revisar su teléfono, escriba «salir» en cualquier momento y borraré esta conversación al instante.",
             "Antes de empezar: ¿está usted en peligro inmediato en este momento?"],
            retried.Select(r => r.Text));
        LogPrivacyTests.AssertNothingPersonal(app.Logs.Lines, "me siguen desde la oficina", FailsAfterTheBotOn.Secret);
        Assert.Contains(app.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains(nameof(InvalidOperationException), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_conversation_whose_stored_state_cannot_be_read_starts_afresh()
    {
        await using var app = new BotApplication();
        var bot = new BotClient(app.CreateClient());
        var store = app.Services.GetRequiredService<IConversationStore>();
        await store.WriteAsync($"conversation/test/{bot.ConversationId}", Encoding.UTF8.GetBytes("{\"dialogStack\": 42"), null, TestContext.Current.CancellationToken);

        var replies = await bot.SayAsync("hola");

        Assert.Equal(Welcome, replies[0].Text);
        Assert.Contains(app.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("cannot be read", StringComparison.Ordinal));
    }

    /// <summary>A bug stand-in: lets the bot change the state, then throws, with the person's words in the message.</summary>
    private sealed class FailsAfterTheBotOn(string text) : ITurnMiddleware
    {
        public const string Secret = "secret-in-exception-message";

        public async Task OnTurnAsync(TurnContext turn, Func<Task> continueTurn, CancellationToken cancellationToken)
        {
            await continueTurn();
            if (turn.Activity.Text == text)
                throw new InvalidOperationException($"{Secret}: {text}");
        }
    }
}
