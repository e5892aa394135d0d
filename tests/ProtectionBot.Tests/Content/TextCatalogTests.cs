using ProtectionBot.Content;

namespace ProtectionBot.Tests.Content;

public sealed class TextCatalogTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("protectionbot-content-").FullName;

    [Fact]
    public void The_shipped_texts_exist_in_every_language()
    {
        var catalog = TextCatalog.Load(AppContext.BaseDirectory);

        foreach (var key in catalog.Keys)
        {
            foreach (var language in Language.All)
                Assert.False(string.IsNullOrWhiteSpace(catalog.Get(language, key)), $"{language}: {key}");
        }
    }

    [Fact]
    public void A_key_missing_in_one_language_is_named_with_its_file()
    {
        Write("es", "welcome: Hola y bienvenida a esta conversación\nextra: solo en español, sin traducción\n");
        Write("fr", "welcome: Bonjour et bienvenue dans cette conversation\n");
        Write("en", "welcome: Hello and welcome to this conversation\n");

        var error = Assert.Throws<ContentValidationException>(() => TextCatalog.Load(_root));

        Assert.Contains("dialogs/texts/fr/: 'extra' is missing (see dialogs/texts/es/common.yaml:2)", error.Problems);
        Assert.Contains("dialogs/texts/en/: 'extra' is missing (see dialogs/texts/es/common.yaml:2)", error.Problems);
    }

    [Fact]
    public void A_sentence_left_untranslated_is_refused_with_file_and_line()
    {
        Write("es", "welcome: Hola y bienvenida a esta conversación\n");
        Write("fr", "\nwelcome: Hello and welcome to this conversation\n");
        Write("en", "welcome: Hello and welcome to this conversation\n");

        var error = Assert.Throws<ContentValidationException>(() => TextCatalog.Load(_root));

        Assert.Contains(error.Problems, p => p.StartsWith("dialogs/texts/", StringComparison.Ordinal) && p.Contains("'welcome' is identical in fr and en", StringComparison.Ordinal));
    }

    [Fact]
    public void Broken_yaml_and_empty_texts_name_the_line()
    {
        Write("es", "welcome: Hola\nbye: \"\"\n");
        Write("fr", "welcome: [unclosed\n");
        Write("en", "welcome: Hello\nbye: Bye\n");

        var error = Assert.Throws<ContentValidationException>(() => TextCatalog.Load(_root));

        Assert.Contains("dialogs/texts/es/common.yaml:2: 'bye' is empty; give it a text or a list of texts", error.Problems);
        Assert.Contains(error.Problems, p => p.StartsWith("dialogs/texts/fr/common.yaml:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_defined_in_two_files_of_one_language_is_refused_with_both_places()
    {
        Write("es", "welcome: Hola y bienvenida a esta conversación\n");
        Write("es", "\nwelcome: Hola otra vez, de nuevo bienvenida\n", "interview");
        Write("fr", "welcome: Bonjour et bienvenue dans cette conversation\n");
        Write("en", "welcome: Hello and welcome to this conversation\n");

        var error = Assert.Throws<ContentValidationException>(() => TextCatalog.Load(_root));

        Assert.Contains("dialogs/texts/es/interview.yaml:2: 'welcome' is already defined at dialogs/texts/es/common.yaml:1", error.Problems);
    }

    private void Write(string language, string yaml, string area = "common")
    {
        Directory.CreateDirectory(Path.Combine(_root, "dialogs", "texts", language));
        File.WriteAllText(Path.Combine(_root, "dialogs", "texts", language, $"{area}.yaml"), yaml);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
