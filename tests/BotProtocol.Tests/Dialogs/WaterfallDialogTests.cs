using System.Text;
using BotProtocol.Dialogs;
using BotProtocol.Prompts;
using BotProtocol.Schema;
using BotProtocol.Testing;

namespace BotProtocol.Tests.Dialogs;

public sealed class WaterfallDialogTests
{
    private static WaterfallDialog<ProfileState> Profile() => new("profile", TestStateJsonContext.Default.ProfileState,
        static (step, ct) => step.State.Name is not null
            ? step.NextAsync(step.State.Name, ct)
            : step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text("¿Cómo se llama?") }, ct),
        static (step, ct) =>
        {
            step.State = step.State with { Name = (string)step.Result! };
            return step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text($"¿Dónde vive, {step.State.Name}?") }, ct);
        },
        static async (step, ct) =>
        {
            step.State = step.State with { Country = (string)step.Result! };
            step.Context.SendText($"{step.State.Name}, {step.State.Country}");
            return await step.EndDialogAsync(step.State, ct);
        });

    private static DialogSet ProfileSet() => new DialogSet().Add(Profile()).Add(new TextPrompt("text"));

    [Fact]
    public async Task Steps_run_in_order_one_question_per_turn()
    {
        var bot = new DialogBot(ProfileSet(), "profile");

        await new TestFlow(bot)
            .Send("hola").AssertReply("¿Cómo se llama?")
            .Send("Ana").AssertReply("¿Dónde vive, Ana?")
            .Send("Bogotá").AssertReply("Ana, Bogotá")
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Complete, bot.Results[^1].Status);
        Assert.Equal(new ProfileState { Name = "Ana", Country = "Bogotá" }, bot.Results[^1].Result);
    }

    [Fact]
    public async Task Waterfall_state_survives_between_turns()
    {
        var setsBuilt = 0;
        var bot = new DialogBot(() => { setsBuilt++; return ProfileSet(); }, "profile");
        var flow = new TestFlow(bot);
        string? savedBetweenTurns = null;

        await flow
            .Send("hola").AssertReply("¿Cómo se llama?")
            .Send("Ana").AssertReply("¿Dónde vive, Ana?")
            .Do(async () => savedBetweenTurns = await StoredJsonAsync(flow))
            .Send("Bogotá").AssertReply("Ana, Bogotá")
            .StartTestAsync();

        Assert.Equal(3, setsBuilt);
        Assert.Contains("\"name\":\"Ana\"", savedBetweenTurns, StringComparison.Ordinal);
        Assert.Contains("\"step\":1", savedBetweenTurns, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_whose_answer_is_known_is_skipped()
    {
        var bot = new DialogBot(ProfileSet(), "profile", () => new ProfileState { Name = "Luz" });

        await new TestFlow(bot)
            .Send("hola").AssertReply("¿Dónde vive, Luz?")
            .Send("Lima").AssertReply("Luz, Lima")
            .StartTestAsync();
    }

    [Fact]
    public async Task Options_are_the_initial_state_and_stay_readable()
    {
        ProfileState? seenOptions = null;
        var dialogs = new DialogSet()
            .Add(new TextPrompt("text"))
            .Add(new WaterfallDialog<ProfileState>("d", TestStateJsonContext.Default.ProfileState,
                static (step, ct) => step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text("?") }, ct),
                async (step, ct) =>
                {
                    seenOptions = step.Options;
                    return await step.EndDialogAsync(null, ct);
                }));
        var bot = new DialogBot(dialogs, "d", () => new ProfileState { Country = "Chile" });

        await new TestFlow(bot).Send("hola").AssertReply("?").Send("x").StartTestAsync();

        Assert.Equal(new ProfileState { Country = "Chile" }, seenOptions);
    }

    [Fact]
    public async Task Options_of_another_type_are_refused()
    {
        var bot = new DialogBot(ProfileSet(), "profile", () => "not a state");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new TestFlow(bot).Send("hola").StartTestAsync());
        Assert.Contains("ProfileState", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_dialog_result_reaches_parent_step()
    {
        var dialogs = new DialogSet()
            .Add(new TextPrompt("text"))
            .Add(new WaterfallDialog<AddressState>("address", TestStateJsonContext.Default.AddressState,
                static (step, ct) => step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text("¿Ciudad?") }, ct),
                static (step, ct) =>
                {
                    step.State = step.State with { City = (string)step.Result! };
                    return step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text("¿Calle?") }, ct);
                },
                static (step, ct) => step.EndDialogAsync(step.State with { Street = (string)step.Result! }, ct)))
            .Add(new WaterfallDialog<ProfileState>("parent", TestStateJsonContext.Default.ProfileState,
                static (step, ct) => step.BeginDialogAsync("address", new AddressState(), ct),
                static async (step, ct) =>
                {
                    var address = Assert.IsType<AddressState>(step.Result);
                    step.Context.SendText($"{address.Street}, {address.City}");
                    return await step.EndDialogAsync(null, ct);
                }));
        var bot = new DialogBot(dialogs, "parent");

        await new TestFlow(bot)
            .Send("hola").AssertReply("¿Ciudad?")
            .Send("Quito").AssertReply("¿Calle?")
            .Send("Av. Amazonas").AssertReply("Av. Amazonas, Quito")
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Complete, bot.Results[^1].Status);
    }

    [Fact]
    public async Task A_step_that_waits_gets_the_next_message_as_its_result()
    {
        var dialogs = new DialogSet().Add(new WaterfallDialog<ProfileState>("d", TestStateJsonContext.Default.ProfileState,
            static (step, ct) =>
            {
                step.Context.SendText("Cuénteme.");
                step.State = step.State with { Note = "asked" };
                return Task.FromResult(Dialog.EndOfTurn);
            },
            static async (step, ct) =>
            {
                step.Context.SendText($"{step.State.Note}: {step.Result}");
                return await step.EndDialogAsync(null, ct);
            }));

        await new TestFlow(new DialogBot(() => dialogs, "d"))
            .Send("hola").AssertReply("Cuénteme.")
            .Send(new Activity { Type = ActivityTypes.Typing }).AssertNoReply()
            .Send("me siguen").AssertReply("asked: me siguen")
            .StartTestAsync();
    }

    [Fact]
    public async Task Running_out_of_steps_ends_with_the_last_result()
    {
        var dialogs = new DialogSet().Add(new WaterfallDialog<ProfileState>("d", TestStateJsonContext.Default.ProfileState,
            static (step, ct) => step.NextAsync(42, ct)));
        var bot = new DialogBot(dialogs, "d");

        await new TestFlow(bot).Send("hola").AssertNoReply().StartTestAsync();

        Assert.Equal(new DialogTurnResult(DialogTurnStatus.Complete, 42), bot.Results.Single());
    }

    [Fact]
    public async Task A_step_cannot_hand_over_twice()
    {
        var dialogs = new DialogSet().Add(new TextPrompt("text")).Add(new WaterfallDialog<ProfileState>("d", TestStateJsonContext.Default.ProfileState,
            static async (step, ct) =>
            {
                await step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text("?") }, ct);
                return await step.NextAsync(null, ct);
            },
            static (step, ct) => step.EndDialogAsync(null, ct)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new TestFlow(new DialogBot(dialogs, "d")).Send("hola").StartTestAsync());
        Assert.Contains("already handed over", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_waterfall_needs_steps() =>
        Assert.Throws<ArgumentException>(() => new WaterfallDialog<ProfileState>("d", TestStateJsonContext.Default.ProfileState));

    internal static async Task<string> StoredJsonAsync(TestFlow flow)
    {
        var key = $"conversation/{flow.ChannelId}/{flow.ConversationId}";
        var item = await flow.Store.ReadAsync(key, TestContext.Current.CancellationToken);
        return item is null ? "" : Encoding.UTF8.GetString(item.Data.Span);
    }
}
