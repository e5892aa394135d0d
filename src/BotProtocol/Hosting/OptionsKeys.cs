using Microsoft.Extensions.Options;

namespace BotProtocol.Hosting;

/// <summary>
/// The generated options validators call a setting "Section.Property" and write a range's own message, not the one on
/// the attribute; configuration, and the operator who has to fix it, call the setting "Section:Property".
/// </summary>
internal static class OptionsKeys
{
    public static ValidateOptionsResult Named(ValidateOptionsResult generated, string section, string? keyPrefix = null) =>
        generated.Failed
            ? ValidateOptionsResult.Fail(generated.Failures!.Select(f => f.Replace(section + ".", keyPrefix ?? section + ":", StringComparison.Ordinal)))
            : generated;
}
