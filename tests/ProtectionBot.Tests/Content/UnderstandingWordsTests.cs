using ProtectionBot.Content;

namespace ProtectionBot.Tests.Content;

public sealed class UnderstandingWordsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("protectionbot-words-").FullName;

    [Fact]
    public void The_shipped_word_lists_load_normalised_and_joined_over_the_languages()
    {
        var words = UnderstandingFiles.LoadWords(AppContext.BaseDirectory);

        Assert.Equal(["je", "suis"], words.Lexicon.Shorthand["jsuis"]);
        Assert.Equal(["porque"], words.Lexicon.Shorthand["xq"]);
        Assert.Equal(["pourquoi"], words.Lexicon.ShorthandIn["fr"]["pk"]);
        Assert.Contains("dont", words.Lexicon.NotShorthandIn["fr"]);
        Assert.Contains("companero", words.Lexicon.Colleagues);
        Assert.Contains("frontiere", words.Border);
        Assert.Contains("tue", words.Killing);
    }

    [Fact]
    public void A_missing_or_empty_list_and_an_entry_of_two_words_name_file_and_line()
    {
        var en = Copy("en");
        Copy("es");
        var fr = Copy("fr");
        Replace(en, "  killing: [killed, murdered]", "  killing: []");
        Replace(en, "  border: [border]", "  border: [on the border]");
        Replace(fr, "  ca_verbs: [va, depend, depends, marche, ira, suffit, passe, fait, allait, peut, arrive]", "");

        var error = Assert.Throws<ContentValidationException>(() => UnderstandingFiles.LoadWords(_root));

        Assert.Contains($"dialogs/understanding/en.yaml:{LineOf(en, "  killing: []")}: 'killing' is empty", error.Problems);
        Assert.Contains($"dialogs/understanding/en.yaml:{LineOf(en, "  border: [on the border]")}: 'on the border' is not one word", error.Problems);
        Assert.Contains($"dialogs/understanding/fr.yaml:{LineOf(fr, "words:")}: missing list 'ca_verbs' under 'words'", error.Problems);
    }

    [Fact]
    public void A_missing_section_and_a_shorthand_typed_for_two_things_name_file_and_line()
    {
        Copy("en");
        var es = Copy("es");
        var fr = Copy("fr");
        Replace(es, "  para: [pa]", "  para: [pa, xq]");
        Replace(fr, "not_shorthand: [dont]", "");

        var error = Assert.Throws<ContentValidationException>(() => UnderstandingFiles.LoadWords(_root));

        Assert.Contains($"dialogs/understanding/es.yaml:{LineOf(es, "  para: [pa, xq]")}: 'xq' already stands for 'porque' (dialogs/understanding/es.yaml:{LineOf(es, "  porque: [xq, pq, porq, xk, pk]")})", error.Problems);
        Assert.Contains(error.Problems, p => p.StartsWith("dialogs/understanding/fr.yaml:", StringComparison.Ordinal) && p.EndsWith("missing section 'not_shorthand'", StringComparison.Ordinal));
    }

    private string Copy(string language)
    {
        var path = Path.Combine(_root, "dialogs", "understanding", language + ".yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "dialogs", "understanding", language + ".yaml"), path);
        return path;
    }

    private static void Replace(string path, string line, string with)
    {
        var text = File.ReadAllText(path);
        Assert.Contains(line + "\n", text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(line + "\n", with + "\n", StringComparison.Ordinal));
    }

    private static int LineOf(string path, string line) => Array.IndexOf(File.ReadAllLines(path), line) + 1;

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
