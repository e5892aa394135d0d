using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProtectionBot.Content;
using ProtectionBot.Tests.Conformance;

namespace ProtectionBot.Tests.Content;

/// <summary>
/// Our card binder and our templates, judged by Microsoft's own npm packages: adaptivecards-templating must bind each
/// template to the same card as we do (the Adaptive Cards designer and the bot then show the same thing), and the
/// adaptivecards renderer must accept that card as Adaptive Cards 1.5 and render every text in it. One run of
/// <c>tests/conformance/cards-check.js</c> serves every test below.
/// </summary>
public sealed class CardConformanceTests(CardConformanceRun run) : IClassFixture<CardConformanceRun>
{
    [Fact]
    public void Every_card_with_a_sample_is_checked_by_microsofts_packages()
    {
        Assert.NotEmpty(run.CaseNames);
        Assert.Contains("emergency", run.CaseNames);
        Assert.Contains("results-first", run.CaseNames);
        Assert.Contains("results-route", run.CaseNames);
        var reported = run.Cases.Select(c => (string?)c["name"]).ToList();
        Assert.True(run.CaseNames.Order(StringComparer.Ordinal).SequenceEqual(reported.Order(StringComparer.Ordinal)), run.Describe(null, "the report should cover exactly the cases written"));
    }

    [Fact]
    public void Every_card_binds_as_adaptivecards_templating_binds_it()
    {
        Assert.All(run.Cases, c =>
        {
            var templating = c["templating"];
            Assert.True(templating?["equal"]?.GetValue<bool>() == true, run.Describe(c, "our binder and adaptivecards-templating should produce the same card"));
            Assert.True(templating?["unresolved"]?.AsArray().Count == 0, run.Describe(c, "every binding should resolve with the sample data"));
            Assert.DoesNotContain(Problems(c), p => p.StartsWith("ours left a binding", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Every_card_is_a_valid_adaptive_card_1_5_for_microsofts_renderer()
    {
        Assert.Equal("1.5", (string?)run.Report["targetVersion"]);
        Assert.All(run.Cases, c =>
        {
            var renderer = c["renderer"];
            Assert.True(renderer?["error"] is null, run.Describe(c, "the adaptivecards package should parse and render the card without throwing"));
            Assert.True(renderer?["events"]?.AsArray().Count == 0, run.Describe(c, "the adaptivecards package should log no parse or validation event for Adaptive Cards 1.5"));
            Assert.True(renderer?["rendered"]?.GetValue<bool>() == true, run.Describe(c, "the card should render to an HTML element"));
        });
    }

    [Fact]
    public void Every_text_and_button_of_a_bound_card_shows_in_microsofts_rendering()
    {
        Assert.All(run.Cases, c =>
        {
            var renderer = c["renderer"];
            Assert.True(renderer?["missingTexts"]?.AsArray().Count == 0 && renderer["countMismatch"] is null,
                run.Describe(c, "every TextBlock should render with its text, in order"));
            Assert.True(renderer?["missingActions"]?.AsArray().Count == 0 && renderer["actionCountMismatch"] is null,
                run.Describe(c, "every action should render as a button with its title"));
            Assert.True(c["ok"]?.GetValue<bool>() == true, run.Describe(c, "the case should pass every check"));
        });
    }

    [Fact]
    public void The_first_results_card_makes_bold_exactly_the_headings_of_the_things_to_do_now_in_order()
    {
        var data = CardConformanceRun.Sample("results-first");
        var headings = data["items"]!.AsArray().Select(item => (string?)item!["heading"]).ToList();

        Assert.Equal(2, headings.Count);
        Assert.Equal(headings, BolderTexts(Bind("results-first", data)));
    }

    [Fact]
    public void A_route_card_makes_bold_only_its_heading_and_opens_its_details_on_request()
    {
        var data = CardConformanceRun.Sample("results-route");

        var card = Bind("results-route", data);

        Assert.Equal([(string?)data["heading"]], BolderTexts(card));
        var actions = card["body"]!.AsArray().Single(e => (string?)e!["type"] == "ActionSet")!["actions"]!.AsArray();
        Assert.Equal(["Action.OpenUrl", "Action.ShowCard"], actions.Select(a => (string?)a!["type"]));
        Assert.Contains((string?)data["submit"], Texts(actions[1]!["card"]));
    }

    [Fact]
    public void Every_phone_number_in_the_emergency_card_is_a_button_that_calls_it()
    {
        var urls = Urls(Bind("emergency", CardConformanceRun.Sample("emergency")));

        Assert.Equal(["tel:+35312100489", "mailto:help@accessnow.org"], urls);
    }

    [Fact]
    public void The_emergency_card_makes_no_text_bold()
    {
        Assert.Empty(BolderTexts(Bind("emergency", CardConformanceRun.Sample("emergency"))));
    }

    private static JsonNode Bind(string name, JsonObject data) =>
        JsonNode.Parse(CardTemplates.Load(AppContext.BaseDirectory).Render(name, data).Content!.Value.GetRawText())!;

    /// <summary>Texts of the TextBlocks with <c>"weight": "Bolder"</c>, in document order.</summary>
    private static List<string?> BolderTexts(JsonNode? node) => node switch
    {
        JsonObject obj when (string?)obj["type"] == "TextBlock" && (string?)obj["weight"] == "Bolder" => [(string?)obj["text"]],
        JsonObject obj => [.. obj.SelectMany(p => BolderTexts(p.Value))],
        JsonArray array => [.. array.SelectMany(BolderTexts)],
        _ => [],
    };

    private static List<string?> Texts(JsonNode? node) => node switch
    {
        JsonObject obj when (string?)obj["type"] == "TextBlock" => [(string?)obj["text"]],
        JsonObject obj => [.. obj.SelectMany(p => Texts(p.Value))],
        JsonArray array => [.. array.SelectMany(Texts)],
        _ => [],
    };

    /// <summary>The <c>url</c> of every Action.OpenUrl, in document order.</summary>
    private static List<string?> Urls(JsonNode? node) => node switch
    {
        JsonObject obj when (string?)obj["type"] == "Action.OpenUrl" => [(string?)obj["url"]],
        JsonObject obj => [.. obj.SelectMany(p => Urls(p.Value))],
        JsonArray array => [.. array.SelectMany(Urls)],
        _ => [],
    };

    private static IEnumerable<string> Problems(JsonNode c) => c["problems"]?.AsArray().Select(p => (string?)p ?? "") ?? [];
}

/// <summary>
/// Binds every template that has a sample in <c>cards/samples/</c> with our <see cref="CardTemplates"/>, writes template,
/// data and our card for each to a temporary folder, runs <c>cards-check.js</c> on it once and keeps the report.
/// </summary>
public sealed class CardConformanceRun : IAsyncLifetime
{
    private static readonly TimeSpan HarnessTimeout = TimeSpan.FromMinutes(2);
    // Failure messages are read by people: keep quotes and accents as they are instead of \u escapes.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Data shapes the samples do not show but the bot sends: both binders must drop a container whose <c>$when</c>
    /// is false and repeat an empty array as nothing.
    /// </summary>
    private static readonly Dictionary<string, (string Template, Action<JsonObject> Change)> Variants = new(StringComparer.Ordinal)
    {
        ["results-first.nothing-found"] = ("results-first", data =>
        {
            data["items"] = new JsonArray();
            data["hasItems"] = false;
        }),
    };

    private readonly string _cases = Path.Combine(Path.GetTempPath(), $"protectionbot-cards-{Guid.NewGuid():N}");
    private JsonObject? _report;

    public JsonObject Report => _report ?? throw new InvalidOperationException("The card check did not run.");

    public IReadOnlyList<JsonNode> Cases => [.. Report["cases"]!.AsArray().Select(c => c!)];

    public List<string> CaseNames { get; } = [];

    /// <summary>Where the full report was written, for reading after a failure.</summary>
    public string ReportPath { get; } = Path.Combine(AppContext.BaseDirectory, "conformance", "cards.report.json");

    public static JsonObject Sample(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "cards", "samples", $"{name}.data.json")))!.AsObject();

    /// <summary>A failure message with the case as cards-check.js saw it.</summary>
    public string Describe(JsonNode? @case, string expectation)
    {
        var detail = @case is null ? "" : Environment.NewLine + @case.ToJsonString(Indented);
        return $"{expectation} (full report: {ReportPath}){detail}";
    }

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var harness = NodeHarness.Folder();
        NodeHarness.RequirePackages(harness);

        var cards = CardTemplates.Load(AppContext.BaseDirectory);
        Directory.CreateDirectory(_cases);
        foreach (var name in cards.Names.Where(n => File.Exists(Path.Combine(AppContext.BaseDirectory, "cards", "samples", $"{n}.data.json"))))
            await WriteCaseAsync(cards, name, name, Sample(name), cancellationToken);
        foreach (var (name, (template, change)) in Variants.Where(v => cards.Names.Contains(v.Value.Template)))
        {
            var data = Sample(template);
            change(data);
            await WriteCaseAsync(cards, name, template, data, cancellationToken);
        }

        var result = await NodeHarness.RunAsync("node", ["cards-check.js", _cases], harness, HarnessTimeout, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(ReportPath)!);
        await File.WriteAllTextAsync(ReportPath, result.StandardOutput, cancellationToken);
        // Exit 1 is a report with failed cases, for the tests to explain; anything else means no report.
        if (result.ExitCode is not (0 or 1))
            throw new InvalidOperationException($"cards-check.js failed (exit {result.ExitCode}):{Environment.NewLine}{result.StandardError}");
        _report = JsonNode.Parse(result.StandardOutput)?.AsObject()
            ?? throw new InvalidOperationException("cards-check.js printed no report.");
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_cases))
            Directory.Delete(_cases, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task WriteCaseAsync(CardTemplates cards, string name, string template, JsonObject data, CancellationToken cancellationToken)
    {
        var bound = cards.Render(template, data).Content!.Value.GetRawText();
        // Re-serialised because our loader skips comments in a template and JSON.parse would not.
        var templateText = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "cards", $"{template}.json"), cancellationToken);
        var templateJson = JsonNode.Parse(templateText, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        await File.WriteAllTextAsync(Path.Combine(_cases, $"{name}.template.json"), templateJson.ToJsonString(), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_cases, $"{name}.data.json"), data.ToJsonString(), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_cases, $"{name}.bound.json"), bound, cancellationToken);
        CaseNames.Add(name);
    }
}
