namespace ProtectionBot.Content;

/// <summary>Content that cannot be served; every problem names its file (relative to the content root) and line.</summary>
internal sealed class ContentValidationException : Exception
{
    public ContentValidationException(IReadOnlyList<string> problems)
        : base("Content is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    public ContentValidationException() : this([]) { }

    public ContentValidationException(string message) : this([message]) { }

    public ContentValidationException(string message, Exception innerException) : base(message, innerException) => Problems = [message];

    public IReadOnlyList<string> Problems { get; } = [];
}
