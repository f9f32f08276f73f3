using System.Collections.Frozen;
using System.Reflection;

namespace PublicCredit.Text;

/// <summary>The wire code of an enum member (kebab-case, as the API, the ledger and the stored columns write it).
/// The codes of an enum are written once, on its members, and read by <see cref="EnumCodes"/> (docs/design.md#how-the-code-should-feel).</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false)]
public sealed class CodeAttribute(string code) : Attribute
{
    public string Code { get; } = code;
}

/// <summary>
/// Enum ↔ code for an enum whose members carry <see cref="CodeAttribute"/>: the attributes are read once per enum into
/// frozen maps. A member without a code, or two members with one code, fail at first use (and a Core test checks every coded enum).
/// </summary>
public static class EnumCodes
{
    /// <summary>The code of <paramref name="value"/>.</summary>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Map<TEnum>.ByValue.TryGetValue(value, out var code)
            ? code
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(TEnum).Name} has no such member.");

    /// <summary>The code of <paramref name="value"/>: <c>role.Code()</c>, <c>status.Code()</c> (<see cref="Of{TEnum}"/>).</summary>
    public static string Code<TEnum>(this TEnum value)
        where TEnum : struct, Enum => Of(value);

    /// <summary>
    /// The member whose code is <paramref name="code"/>: exactly (ordinal, no trimming), or with
    /// <paramref name="ignoreCase"/> in any case (ordinal), for codes people type.
    /// </summary>
    public static bool TryParse<TEnum>(string? code, out TEnum value, bool ignoreCase = false)
        where TEnum : struct, Enum =>
        (ignoreCase ? Map<TEnum>.ByCodeIgnoringCase : Map<TEnum>.ByCode).TryGetValue(code ?? "", out value);

    /// <summary>Every code of <typeparamref name="TEnum"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<TEnum>()
        where TEnum : struct, Enum => Map<TEnum>.All;

    private static class Map<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue = Read();
        public static readonly FrozenDictionary<string, TEnum> ByCode = ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        public static readonly FrozenDictionary<string, TEnum> ByCodeIgnoringCase = ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
        public static readonly IReadOnlyList<string> All = [.. Enum.GetValues<TEnum>().Select(v => ByValue[v])];

        private static FrozenDictionary<TEnum, string> Read()
        {
            var map = new Dictionary<TEnum, string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var code = field.GetCustomAttribute<CodeAttribute>()?.Code
                    ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{field.Name} has no [Code].");
                if (!seen.Add(code))
                {
                    throw new InvalidOperationException($"{typeof(TEnum).Name}: the code '{code}' is on two members.");
                }

                map[(TEnum)field.GetValue(null)!] = code;
            }

            return map.ToFrozenDictionary();
        }
    }
}
