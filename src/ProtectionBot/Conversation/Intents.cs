using BotProtocol.Recognizers;
using BotProtocol.Schema;
using BotProtocol.Turns;
using ProtectionBot.Content;
using ProtectionBot.Interview;

namespace ProtectionBot.Conversation;

/// <summary>
/// Requests understood at any step, in a full sentence and in any of the three languages: talk to a person, help, start
/// again, another language, erase my data, leave at once, how my case stands, "I don't understand the question"
/// (<c>intents:</c> in <c>dialogs/understanding</c>). A denied request is none ("no quiero hablar con nadie"), and
/// neither is a long message. A question about the question ("why do you need the country?", "c'est quoi un
/// procureur ?") is explained, never taken for its answer. In the description the person is writing, where "hablar con alguien"
/// tells what happened, only a short message asking to erase or to leave is a request ("effacer mes infos"), or one
/// that opens with the help or the case asked as a question ("did you already send it to the organisation?").
/// </summary>
internal sealed class Intents(Understanding understanding, UnderstandingWords storyWords)
{
    public const string TalkToPerson = "talk-to-person";
    public const string Help = "help";
    public const string Restart = "restart";
    public const string Erase = "erase";
    public const string CaseStatus = "case-status";
    public const string QuickExit = "quick-exit";

    /// <summary>A language the bot does not write in ("podemos cambiar a portugués?"): the three it writes in are named.</summary>
    public const string OtherLanguage = "other-language";

    /// <summary>"Hola", "bonjour", "hi" and nothing else: no answer, so the question waiting is asked again, not refused.</summary>
    public const string Greeting = "greeting";

    /// <summary>The person did not understand the question: it is explained, not answered for them.</summary>
    public const string NotUnderstood = "not-understood";

    /// <summary>
    /// A question about the question: why it is asked, what a word of it means, whether it must be answered, who reads
    /// it ("why do you need the country?", "c'est quoi afro-descendant ?"). The help for this question, never its answer.
    /// </summary>
    public const string AboutTheQuestion = "about-the-question";

    /// <summary>
    /// Leaving ("y salir de acá", "et sortir d'ici", "and exit"): a request only beside erasing, since "salir del país"
    /// answers where to go.
    /// </summary>
    private const string Leave = "leave";

    /// <summary>Closing ("close", "cierra", "fermez"): a request beside erasing or beside someone watching.</summary>
    private const string Shut = "shut";

    /// <summary>
    /// Someone arriving or watching the screen ("someone is coming", "me están viendo el cel", "il regarde par dessus mon
    /// épaule"): with closing, hurrying ("vite") or leaving said with it, the quick exit.
    /// </summary>
    private const string Watched = "watched";

    /// <summary>
    /// The phone or the screen looked at now ("someone looking at my phone", "están viendo mi cel", "il regarde mon écran"):
    /// someone watching, and said alone it is the quick exit in the description too, unless told as past ("someone was
    /// looking at my phone" tells what happened).
    /// </summary>
    private const string WatchingScreen = "watching-screen";

    private const string Hurry = "hurry";

    /// <summary>
    /// A goodbye ("bye", "chao", "au revoir"): beside someone arriving or watching ("alguien viene, chao", "someone is
    /// checking my phone bye"), the quick exit, whatever else the message tells; alone, a goodbye.
    /// </summary>
    private const string Farewell = "farewell";

    /// <summary>
    /// A cry for help ("help", "ayuda", "aidez-moi"): beside not understanding the question ("help, I don't understand the
    /// question") it asks for the help; alone, at the danger question, it answers.
    /// </summary>
    private const string CallsForHelp = "calls-for-help";

    /// <summary>
    /// Asking why the question is asked, whether it must be answered, who reads the answer or whom it goes to ("pa que
    /// quieren saber eso", "pourquoi vous voulez savoir ça ?", "who will read it"): explained, never an answer, when asked
    /// with a question mark or opening the message ("me preguntaron por qué denuncié" tells).
    /// </summary>
    private const string AsksWhy = "asks-why";

    /// <summary>
    /// Asking what a word of the question means ("what is a prosecutor?", "c'est quoi afro-descendant ?", "la defensoría
    /// cuenta como autoridad?"): explained, even with an option's word in it, when asked with a question mark only, since
    /// "what is happening is…" opens a story.
    /// </summary>
    private const string AsksMeaning = "asks-meaning";

    /// <summary>"Explain the question": never an answer, even with the options' words in it ("partir de la maison ou du pays ?").</summary>
    private const string Explain = "explain";

    /// <summary>
    /// A case told as sent through the bot with no answer yet ("i sent my case 2 weeks ago and nobody contacted me"): asking
    /// where it stands, unless the message answers the question ("mandé mi caso a la comisión" answers the remedies).
    /// </summary>
    private const string CaseSent = "case-sent";

    /// <summary>Erasing asked for later, as the condition of a yes: "ok mais effacez bien tout après", "ok but delete it all after".</summary>
    private const string EraseLater = "erase-later";

    /// <summary>
    /// Asking whether the case was passed on or answered ("did you already send it to the organisation?", "¿ya me contestó
    /// alguien?", "l'organisation a déjà répondu ?"): where the case stands when asked with a question mark; without one,
    /// "ya me contestaron, archivaron" tells how a process stands.
    /// </summary>
    private const string CaseAsked = "case-asked";

    /// <summary>
    /// "It depends" opening the message ("depende, ¿quién es esa organización?"): the answer is given in doubt, so the question
    /// after it is its condition, not a request for the help.
    /// </summary>
    private const string Depends = "depends";

    /// <summary>A request to talk to a person in the description is a short message.</summary>
    private const int MaxWordsOfAPersonAskedWhileWriting = 16;

    /// <summary>Starting over asked in the description is a short message: "me equivoqué" opening a story is the story.</summary>
    private const int MaxWordsOfARestartWhileWriting = 10;

    private const string LanguagePrefix = "language-";

    private const string DangerQuestion = "danger";
    private const string DangerNow = "yes";

    private const string DigitalAttackQuestion = "situations";
    private const string DigitalAttack = "digital-attack";

    /// <summary>A request is a short message; a long one is an answer or a story.</summary>
    private const int MaxWords = 20;

    /// <summary>While the person writes freely, a request (erase, leave, "I don't understand") is all the message says.</summary>
    private const int MaxWordsWhileWriting = 6;

    /// <summary>
    /// An answer to the question that also uses erasing words reports an attack ("hackearon la página y borraron todo");
    /// one as long as this is a story, not a request.
    /// </summary>
    private const int MaxWordsOfEraseBesideAnAnswer = 8;

    /// <summary>"what is prosecutor", "what do u mean long run": asking what a word means, without a question mark.</summary>
    private const int MaxWordsOfAMeaningAskedWithoutQuestionMark = 6;

    /// <summary>"y", "pero", "and then": the words that may come before a request opening the message.</summary>
    private const int MaxWordsBeforeARequestOpening = 2;

    private const string CacheKey = nameof(Intents);

    /// <summary>The request this turn's message makes, or null.</summary>
    public string? Of(TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.TurnItems.TryGetValue(CacheKey, out var cached))
            return ((string)cached).Length == 0 ? null : (string)cached;
        var intent = Read(turn);
        turn.TurnItems[CacheKey] = intent ?? "";
        return intent;
    }

    public bool Is(TurnContext turn, string intent) => Of(turn) == intent;

    /// <summary>The language a message asks to go on in ("en français s'il vous plaît"), when it is not the one in use.</summary>
    public string? LanguageAskedFor(TurnContext turn) =>
        Of(turn) is { } intent && intent.StartsWith(LanguagePrefix, StringComparison.Ordinal) && intent[LanguagePrefix.Length..] is var language
            && language != ConversationLanguage.Of(turn)
            ? language
            : null;

    private string? Read(TurnContext turn)
    {
        if (!turn.Activity.IsType(ActivityTypes.Message) || string.IsNullOrWhiteSpace(turn.Activity.Text))
            return null;
        var words = turn.Activity.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var writingFreely = IsWritingFreely(turn);
        if (words > (writingFreely ? MaxWordsOfAPersonAskedWhileWriting : MaxWords))
            return null;
        var intent = Read(turn, words, writingFreely, out var closingAsSomeoneComes, out var erasingFirst);
        // While the person writes freely, a long message is a request only when it asks for a person in so many words,
        // opens with the help, the case asked as a question or starting over, orders the chat closed as someone arrives
        // ("rápido cierren esto que llegó mi marido"), or opens by asking to erase ("borren todo lo que escribí, me arrepentí").
        return writingFreely && words > MaxWordsWhileWriting && intent is not (TalkToPerson or AboutTheQuestion or CaseStatus or Restart)
            && !(intent == QuickExit && closingAsSomeoneComes) && !(intent == Erase && erasingFirst) ? null : intent;
    }

    private string? Read(TurnContext turn, int words, bool writingFreely, out bool closingAsSomeoneComes, out bool erasingFirst)
    {
        closingAsSomeoneComes = false;
        erasingFirst = false;
        var language = ConversationLanguage.Of(turn);
        var reading = understanding.Read(UnderstandingFiles.IntentQuestion, language, turn.Activity.Text);
        var named = reading.Options.ToList();
        // "salir salir salir ya", "exit exit": leaving said again and again is fleeing the chat.
        var leavingAgain = reading.Affirmed.Count(m => m.Option == Leave) > 1;
        var leaving = named.Remove(Leave);
        var shutting = named.Remove(Shut);
        var watched = named.Remove(Watched);
        var screenWatched = named.Remove(WatchingScreen);
        watched |= screenWatched;
        var hurried = named.Remove(Hurry);
        var sayingGoodbye = named.Remove(Farewell);
        var callingForHelp = named.Remove(CallsForHelp);
        var asked = HasQuestionMark(turn.Activity.Text);
        // "can u explain what you mean" asks as a question mark does, and so does a few words opening with it ("what is
        // prosecutor", "qu'est-ce qu'un parquet"), too short to open a story; an option named by the first word answers
        // ("largo plazo" is no "qué es largo plazo").
        var asksAboutTheQuestion = named.Remove(AsksMeaning)
            && (asked || named.Contains(Explain) || (words <= MaxWordsOfAMeaningAskedWithoutQuestionMark && reading.Affirmed.Any(m => m.Option == AsksMeaning && m.Position == 0)
                && !(ReadAsTheQuestionWaiting(turn, language) is { } waiting && waiting.Affirmed.Any(m => m.Position == 0))));
        asksAboutTheQuestion |= named.Remove(AsksWhy) && (asked || OpensTheMessage(reading, AsksWhy));
        var caseAsked = named.Remove(CaseAsked) && asked;
        var answeredInDoubt = named.Remove(Depends) && OpensTheMessage(reading, Depends);
        // Leaving wins over erasing said with it ("borrar todo y salir"), and so does someone arriving ("borra todo ya,
        // llegó mi marido"): the quick exit erases everything too, and answers in the fewest words, so that nothing is
        // left on the screen.
        closingAsSomeoneComes = watched && (named.Contains(QuickExit) || named.Contains(Erase));
        if (named.Contains(QuickExit) || ((leaving || shutting || watched) && named.Contains(Erase)))
            return QuickExit;
        // "someone is coming, close this", "vite il prend mon telephone", "salir ya, alguien viene": someone arriving or
        // watching, with closing, hurrying or a goodbye ("alguien viene, chao"), is the quick exit; with leaving only when
        // it answers nothing ("tengo que salir del país, alguien viene" tells a move).
        // At the danger question, the danger it tells is no answer that keeps the person here ("están tocando la puerta,
        // tengo que irme", "somebody at the door, gotta go").
        if (watched && (shutting || hurried || sayingGoodbye || (leaving && (AsksDanger(turn) || !AnswersTheQuestion(turn, language)))))
            return QuickExit;
        if (leaving && (leavingAgain || hurried) && named.Count == 0 && !AnswersTheQuestion(turn, language))
            return QuickExit;
        // "quelqu'un regarde mon tel", "my husband is coming": someone arriving or watching, said alone at a question it
        // does not answer, is the quick exit; in the description "mi hijo ya volvió" may be the story, and danger told
        // ("ils sont devant chez moi") is confirmed as danger, not fled.
        if (watched && named.Count == 0 && !writingFreely && words <= MaxWordsWhileWriting && ReadAsTheQuestionWaiting(turn, language) is { Options.Count: 0 }
            && !understanding.Read(DangerQuestion, language, turn.Activity.Text).Options.Contains(DangerNow))
            return QuickExit;
        // "someone looking at my phone", in the description too: the screen watched now, said alone, is the quick exit.
        if (screenWatched && named.Count == 0 && writingFreely && words <= MaxWordsWhileWriting
            && !understanding.Parse(turn.Activity.Text, language).Words.Any(storyWords.PastWatching.Contains))
            return QuickExit;
        // "hackearon la página y borraron todo": what an attacker erased is a digital attack told, not a request to erase.
        if (named.Contains(Erase) && understanding.Read(DigitalAttackQuestion, language, turn.Activity.Text).Options.Contains(DigitalAttack))
            named.Remove(Erase);
        // "ok mais effacez bien tout après", "ok but delete it all afterwards": a yes with a reminder to erase later is the
        // answer, not the erase request; asked in doubt ("ok pero después lo borran de verdad?") the question is explained,
        // as a question about it when a word of it is asked ("ça veut dire quoi 30 jours ? vous effacez tout après ?").
        if (named.Remove(EraseLater) && named.Count == 0)
            return !asked ? null : asksAboutTheQuestion ? AboutTheQuestion : NotUnderstood;
        // Erasing wins over anything said with it: it is what protects the person.
        if (named.Contains(Erase))
        {
            // "i want to delete all my info", "je veux effacer mes données": erasing asked after words of wishing opens it too.
            erasingFirst = OpensTheMessage(reading, Erase) || IsAsked(reading, language, turn.Activity.Text, Erase);
            return words > MaxWordsOfEraseBesideAnAnswer && AnswersTheQuestion(turn, language) ? null : Erase;
        }
        // "en français s'il vous plaît, je ne comprends pas tout en anglais", "switch from english to spanish": the language in
        // use, named beside another, is the one the person asks to leave.
        if (named.Count(n => n.StartsWith(LanguagePrefix, StringComparison.Ordinal)) > 1)
            named.Remove(LanguagePrefix + language);
        // "hablame en ingles mejor, no entiendo bien", "desde cero, me confundí": beside another request, not understanding
        // is why it is asked.
        if (named.Any(n => n is not (NotUnderstood or Explain)))
            named.Remove(NotUnderstood);
        // "why does it matter?", "what is reprisal? i don't understand the word": a question about the question, whatever
        // option's word it repeats; while writing freely, only as the message's first question ("c obligatoire ? qui va
        // lire ce que j'écris ?"), since a story may quote one.
        if (asksAboutTheQuestion && named.All(n => n is Help or NotUnderstood or Explain))
            return answeredInDoubt ? null : !writingFreely || AsksFirst(turn.Activity.Text, language, AsksWhy, AsksMeaning, Help) ? AboutTheQuestion : null;
        if (caseAsked && named.All(n => n is CaseSent or CaseStatus))
            return !writingFreely || AsksFirst(turn.Activity.Text, language, CaseAsked, CaseStatus) ? CaseStatus : null;
        // "no entiendo, ¿qué tengo que poner?", "je comprends pas, je dois répondre quoi ?": asking how to answer is the
        // help, even with "I don't understand" said with it; "OUI aidez moi ils tapent à la porte" answers yes.
        // "a mí no me pasó nada, quiero saber cómo funciona esto", "rien pour l'instant, juste savoir quoi faire": the answer
        // said first, the wish to learn after it is why; it is the answer.
        if (named.Contains(Help) && named.All(n => n is Help or NotUnderstood or Explain))
        {
            var helpAt = reading.Affirmed.Where(m => m.Option == Help).Min(m => m.Position);
            return writingFreely || SaysYesFirst(turn, language, helpAt) || (!asked && AnswersFirst(turn, language, helpAt)) ? null : Help;
        }
        // "vous pouvez m'expliquer la question ? partir de la maison ou du pays ?": explained, not answered.
        if (named.Remove(Explain) && named.All(n => n == NotUnderstood))
            return NotUnderstood;
        // "i sent my case two weeks ago and nobody contacted me": where the case stands, unless it answers the question.
        if (named.Remove(CaseSent) && named.Count == 0)
            return writingFreely || SaysAnythingOfTheQuestion(turn, language) ? null : CaseStatus;
        if (named is not [var one])
            return null;
        if (one == CaseStatus && writingFreely)
            return AsksFirst(turn.Activity.Text, language, CaseAsked, CaseStatus) ? CaseStatus : null;
        // "mon avocat suit le dossier, audience renvoyée": a case told, not asked about, that answers the question waiting.
        if (one == CaseStatus && !asked && AnswersTheQuestion(turn, language))
            return null;
        // "talk to someone pls", "je veux parler à un conseiller directement": asked, not told, even in the description.
        if (one == TalkToPerson && writingFreely)
            return words <= MaxWordsOfAPersonAskedWhileWriting && IsAsked(reading, language, turn.Activity.Text, TalkToPerson) ? TalkToPerson : null;
        // "No entiendo por qué nos atacan" answers the question; a person who does not understand it gives no answer, and
        // one who asks about it as well ("qui est à risque ? je comprends pas la question") is explained it.
        if (one == NotUnderstood)
            return AnswersTheQuestion(turn, language) ? null : (asked || callingForHelp) && !writingFreely ? AboutTheQuestion : NotUnderstood;
        // "quiero empezar de nuevo, me equivoqué", "can we restart, i put the wrong country": starting over asked by the
        // message's first words, in a short message, while writing freely; a story that mentions starting again stays a story.
        if (one == Restart && writingFreely)
            return words <= MaxWordsOfARestartWhileWriting && OpensTheMessage(reading, Restart) ? Restart : null;
        return writingFreely ? null : one;
    }

    private static bool HasQuestionMark(string? text) => text is not null && text.AsSpan().IndexOfAny('?', '¿') >= 0;

    /// <summary>The request is said by the message's first words ("pa que quieren saber eso", "y eso para qué lo quieren saber").</summary>
    private static bool OpensTheMessage(Reading reading, string request) =>
        reading.Affirmed.Where(m => m.Option == request).Min(m => m.Position) <= MaxWordsBeforeARequestOpening;

    /// <summary>One of the requests is asked by the message's first question, the words up to its first question mark.</summary>
    private bool AsksFirst(string? text, string language, params string[] requests) =>
        text is not null && text.IndexOf('?', StringComparison.Ordinal) is > 0 and var end
        && understanding.Read(UnderstandingFiles.IntentQuestion, language, text[..end]).Options.Any(requests.Contains);

    private static bool AsksDanger(TurnContext turn) =>
        turn.State.DialogStack is [{ Id: var prompt }, ..] && InterviewPrompts.QuestionOf(prompt) == DangerQuestion;

    private bool AnswersTheQuestion(TurnContext turn, string language) =>
        ReadAsTheQuestionWaiting(turn, language) is { Options.Count: > 0 };

    /// <summary>The message read as an answer to the question waiting, if a question waits.</summary>
    private Reading? ReadAsTheQuestionWaiting(TurnContext turn, string language) =>
        turn.State.DialogStack is [{ Id: var prompt }, ..] && InterviewPrompts.QuestionOf(prompt) is { } question
            ? understanding.Read(question, language, turn.Activity.Text)
            : null;

    /// <summary>An option of the question waiting named or denied ("mandé mi caso a la fiscalía y no avanza").</summary>
    private bool SaysAnythingOfTheQuestion(TurnContext turn, string language) =>
        ReadAsTheQuestionWaiting(turn, language) is { } reading && reading.Affirmed.Count + reading.Denied.Count > 0;

    /// <summary>
    /// A plain yes to the question waiting before the words asking for help ("oui aidez-moi", "sí, ayuda"): an answer, not
    /// a request for help; the "ça marche" of "comment ça marche ?" is no yes.
    /// </summary>
    private bool SaysYesFirst(TurnContext turn, string language, int helpAt) =>
        ReadAsTheQuestionWaiting(turn, language) is { No.Count: 0 } reading && reading.Yes.Any(m => m.Position < helpAt);

    /// <summary>
    /// An option of the question waiting named before the words asking for help, and none denied; a yes is
    /// <see cref="SaysYesFirst"/>'s, and a no before them may be no answer ("no, ¿cómo funciona?").
    /// </summary>
    private bool AnswersFirst(TurnContext turn, string language, int helpAt) =>
        ReadAsTheQuestionWaiting(turn, language) is { Denied.Count: 0 } reading
        && reading.Affirmed.Any(m => m.Position < helpAt && m.Option is not (null or "yes" or "no"));

    /// <summary>The request opens the message, after nothing but words of wishing ("i want to", "je voudrais", "quiero").</summary>
    private bool IsAsked(Reading reading, string language, string? text, string request)
    {
        var at = reading.Affirmed.Where(m => m.Option == request).Min(m => m.Position);
        var words = understanding.Parse(text, language).Words;
        return Enumerable.Range(0, at).All(p => storyWords.WishLeadIns.Contains(words[p]));
    }

    private static bool IsWritingFreely(TurnContext turn) =>
        turn.State.DialogStack is [{ Id: InterviewPrompts.Description or "handoff.description" }, ..];
}
