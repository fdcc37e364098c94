namespace OcopMarket.Tests.Security;

/// <summary>
/// What a stranger on the internet types, pastes or scripts into a shop's fields and URLs. Every public route and
/// form is tried with these (see <see cref="BadInputHttpTests"/>); each value has a name so a failing case says
/// which kind of input broke what.
/// </summary>
public static class BadInputCorpus
{
    /// <summary>Markup that runs if a page writes it back unescaped.</summary>
    public const string ScriptTag = "<script>alert(1)</script>";

    public const string AttributeBreakout = "\"><img src=x onerror=alert(1)>";

    /// <summary>5,000 characters of Vietnamese: three UTF-8 bytes and nine percent-encoded characters each for most.</summary>
    public static readonly string LongVietnamese = string.Concat(Enumerable.Repeat("nước mắm ", 556))[..5000];

    /// <summary>Text values by kind: markup, SQL and SQLite FTS5 syntax, length, control and direction characters.</summary>
    public static readonly IReadOnlyDictionary<string, string> Text = new Dictionary<string, string>
    {
        ["script-tag"] = ScriptTag,
        ["attribute-breakout"] = AttributeBreakout,
        ["sql-or-true"] = "' OR 1=1 --",
        ["sql-drop"] = "x'); DROP TABLE Products; --",
        ["fts-near"] = "\"nuoc\" NEAR(x)",
        ["fts-star"] = "*",
        ["fts-caret"] = "^",
        ["fts-operators"] = "AND OR NOT",
        ["fts-column-filter"] = "Name:tra OR {Name}: x",
        ["unbalanced-quote"] = "\"nuoc",
        ["five-thousand-chars"] = LongVietnamese,
        ["nul"] = "a\u0000b",
        ["bell"] = "a\u0007b",
        ["right-to-left-override"] = "a\u202Eb",
        ["lone-surrogate-free-emoji"] = "🍵🐟",
    };

    /// <summary>Numbers as a person or a script might send them where the app expects a small positive count.</summary>
    public static readonly IReadOnlyList<string> Numbers = ["-5", "0", "1e9", "99999999999999999999", "abc", "", "1.5", "0x10", "٣"];

    /// <summary>Query strings already percent-encoded, sent as is: invalid UTF-8 and encoded control characters.</summary>
    public static readonly IReadOnlyList<string> RawEncodedValues = ["%C3%28", "%FF", "%FF%FE%FD", "%00", "%07", "%E2%80%AE", "%ED%A0%80", "%"];

    public static TheoryData<string> TextKinds() => [.. Text.Keys];

    public static TheoryData<string> NumberValues() => [.. Numbers];

    public static TheoryData<string> RawEncoded() => [.. RawEncodedValues];

    /// <summary>Whether a value carries markup that must come back escaped (the others are safe verbatim).</summary>
    public static bool IsMarkup(string value) => value.Contains('<') || value.Contains('>');
}
