using ProtectionBot.Knowledge;

namespace ProtectionBot.Recommendations;

/// <summary>Whether a mechanism can act where the person is, read from its <see cref="Mechanism.Covers"/>.</summary>
internal static class Coverage
{
    /// <summary>
    /// A mechanism that excludes the person's country is never offered. When the person did not say where they are, a
    /// mechanism limited to some places is still offered (a rule chose it for the situation) but with a note asking
    /// them to check, and it ranks below those known to work everywhere.
    /// </summary>
    public static bool Allows(Mechanism mechanism, Country? country) =>
        IsWorldwide(mechanism) || country is null || mechanism.Covers.Any(country.IsIn);

    public static bool IsWorldwide(Mechanism mechanism) => mechanism.Covers.Count == 0;

    public static bool IsUncertain(Mechanism mechanism, Country? country) => country is null && !IsWorldwide(mechanism);
}
