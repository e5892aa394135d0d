using BotProtocol.Dialogs;
using BotProtocol.Prompts;
using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.Testing;
using BotProtocol.Tests.Dialogs;

namespace BotProtocol.Tests.Prompts;

/// <summary>
/// Every prompt type, answered three times with something it cannot read: the first retry shows the options numbered, the
/// second adds the other ways out, and the prompt is still waiting afterwards; it never ends with an answer nobody gave.
/// </summary>
public sealed class NeverAnsweredForThePersonTests
{
    private const string LastResort = "You can also type “talk to a person”.";

    private static PromptOptions Options(params string[] choices) => new()
    {
        Prompt = MessageFactory.Text("Which one?"),
        RetryPrompt = MessageFactory.Text("I didn't understand. Tap one or type its number:"),
        LastResort = LastResort,
        Choices = [.. choices.Select(c => new Choice(c))],
    };

    private static DialogBot Asking(Dialog prompt, PromptOptions options) => new(
        new DialogSet().Add(prompt).Add(new WaterfallDialog<ProfileState>("ask", TestStateJsonContext.Default.ProfileState,
            (step, ct) => step.PromptAsync(prompt.Id, options, ct),
            static async (step, ct) =>
            {
                step.Context.SendText("answered: " + step.Result switch
                {
                    FoundChoice one => one.Value,
                    IReadOnlyList<FoundChoice> several => string.Join(", ", several.Select(f => f.Value)),
                    var other => other?.ToString(),
                });
                return await step.EndDialogAsync(cancellationToken: ct);
            })),
        "ask");

    [Fact]
    public async Task A_choice_prompt_numbers_its_options_then_offers_a_way_out_and_never_picks_one()
    {
        var bot = Asking(new ChoicePrompt("choice"), Options("Police", "Army"));

        await new TestFlow(bot)
            .Send("hola").AssertReply("Which one?")
            .Send("the neighbours").AssertReply("I didn't understand. Tap one or type its number:\n\n1. Police\n2. Army").AssertSuggestedActions("Police", "Army")
            .Send("dunno").AssertReply($"I didn't understand. Tap one or type its number:\n\n1. Police\n2. Army\n\n{LastResort}").AssertSuggestedActions("Police", "Army")
            .Send("???").AssertReply($"I didn't understand. Tap one or type its number:\n\n1. Police\n2. Army\n\n{LastResort}")
            .Send("2").AssertReply("answered: Army")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_confirm_prompt_never_takes_a_yes_or_a_no_that_was_not_given()
    {
        var bot = Asking(new ConfirmPrompt("confirm", Lexicon.Empty), Options("Yes, please", "No, thanks"));

        await new TestFlow(bot)
            .Send("hola").AssertReply("Which one?")
            .Send("what would you send them?").AssertReply("I didn't understand. Tap one or type its number:\n\n1. Yes, please\n2. No, thanks")
            .Send("hmm").AssertReply($"I didn't understand. Tap one or type its number:\n\n1. Yes, please\n2. No, thanks\n\n{LastResort}")
            .Send("hmm").AssertReply($"I didn't understand. Tap one or type its number:\n\n1. Yes, please\n2. No, thanks\n\n{LastResort}")
            .Send("1").AssertReply("answered: True")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_multi_choice_prompt_asks_again_in_its_card_and_never_submits_for_the_person()
    {
        var bot = Asking(new MultiChoicePrompt("several"), Options("Threats", "Surveillance", "Detention"));

        await new TestFlow(bot)
            .Send("hola").AssertReply(r => Assert.Single(r.Attachments!))
            .Send("lots of things").AssertReply(r => Assert.Contains("1. Threats\n2. Surveillance\n3. Detention", CardText(r), StringComparison.Ordinal))
            .Send("lots").AssertReply(r => Assert.EndsWith(LastResort, CardText(r), StringComparison.Ordinal))
            .Send("lots").AssertReply(r => Assert.EndsWith(LastResort, CardText(r), StringComparison.Ordinal))
            .Send("1 y 3").AssertReply("answered: Threats, Detention")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_text_prompt_with_a_validator_asks_again_until_the_answer_is_valid()
    {
        var prompt = new TextPrompt("date", (p, _) => Task.FromResult(p.Recognized.Value?.Any(char.IsAsciiDigit) == true));
        var bot = Asking(prompt, new PromptOptions
        {
            Prompt = MessageFactory.Text("When?"),
            RetryPrompt = MessageFactory.Text("I found no date in that."),
            LastResort = LastResort,
        });

        await new TestFlow(bot)
            .Send("hola").AssertReply("When?")
            .Send("yesterday-ish").AssertReply("I found no date in that.")
            .Send("asdf").AssertReply($"I found no date in that.\n\n{LastResort}")
            .Send("qwerty").AssertReply($"I found no date in that.\n\n{LastResort}")
            .Send("2025").AssertReply("answered: 2025")
            .StartTestAsync();

        Assert.All(bot.Results.SkipLast(1), r => Assert.Equal(DialogTurnStatus.Waiting, r.Status));
    }

    private static string CardText(Activity reply) =>
        reply.Attachments![0].Content!.Value.GetProperty("body")[0].GetProperty("text").GetString()!;
}
