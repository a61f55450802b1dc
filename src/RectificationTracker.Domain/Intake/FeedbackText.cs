using System.Collections.Frozen;
using System.Text;

namespace RectificationTracker.Domain.Intake;

/// <summary>Text clean-up shared by the parser and the document extractors.</summary>
public static class FeedbackText
{
    /// <summary>
    /// The longest feedback text accepted, pasted or read from a file: about 250 dense pages, ten times
    /// a long real document. Everything longer is refused before it is parsed.
    /// </summary>
    public const int MaxCharacters = 200_000;

    /// <summary>The refusal for a text over <see cref="MaxCharacters"/>.</summary>
    public static string TooLongMessage { get; } =
        $"反馈意见内容过长:最多 {MaxCharacters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} 个字符。请确认上传的是反馈意见本身,或分几次导入。";

    // Only the characters of the keywords the parser looks for (问题, 意见建议, 页…): the document's
    // own text is never converted, so a Traditional document keeps its Traditional titles.
    private static readonly FrozenDictionary<char, char> TraditionalKeywordChars = new Dictionary<char, char>
    {
        ['問'] = '问', ['題'] = '题', ['發'] = '发', ['現'] = '现', ['見'] = '见', ['議'] = '议',
        ['視'] = '视', ['頁'] = '页', ['當'] = '当', ['體'] = '体', ['評'] = '评', ['價'] = '价',
        ['對'] = '对', ['黨'] = '党', ['組'] = '组', ['況'] = '况', ['關'] = '关', ['於'] = '于',
        ['總'] = '总', ['結'] = '结', ['為'] = '为', ['與'] = '与', ['處'] = '处', ['實'] = '实',
        ['監'] = '监', ['督'] = '督', ['條'] = '条', ['規'] = '规', ['範'] = '范',
    }.ToFrozenDictionary();

    /// <summary>
    /// Unifies line breaks, drops invisible and control characters, trims every line and keeps at most
    /// one blank line in a row. Punctuation and digits are left as written: the text is the user's.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        var line = new StringBuilder();
        var blankLines = 0;

        void EndLine()
        {
            var trimmed = line.ToString().Trim();
            line.Clear();
            if (trimmed.Length == 0)
            {
                blankLines++;
                return;
            }

            if (result.Length > 0)
            {
                result.Append('\n');
                if (blankLines > 0)
                {
                    result.Append('\n');
                }
            }

            result.Append(trimmed);
            blankLines = 0;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    EndLine();
                    break;
                // Form feed and vertical tab are how some extractors mark page and line breaks.
                case '\n' or '\f' or '\v' or '\u0085' or '\u2028' or '\u2029':
                    EndLine();
                    break;
                case '\t' or '\u00A0':
                    line.Append(' ');
                    break;
                case '\uFEFF' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\u00AD':
                    break;
                default:
                    if (!char.IsControl(c))
                    {
                        line.Append(c);
                    }

                    break;
            }
        }

        EndLine();
        return result.ToString();
    }

    /// <summary>
    /// Folds full-width forms to ASCII, a few bracket and dot variants to their plain forms and keyword
    /// characters to Simplified, one char for one char, so that indices into the folded text are
    /// indices into the original text.
    /// </summary>
    internal static string Fold(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = FoldChar(source[i]);
            }
        });

    private static char FoldChar(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        '\uFE52' => '.',
        '\uFE51' => '、',
        '\u3014' or '\uFE59' => '(',
        '\u3015' or '\uFE5A' => ')',
        '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
        _ => TraditionalKeywordChars.TryGetValue(c, out var simplified) ? simplified : c,
    };

    /// <summary>
    /// True for text that is mostly not text: a binary file read as a string shows up as replacement
    /// characters and control codes, which real documents almost never contain.
    /// </summary>
    internal static bool LooksBinary(string text)
    {
        var suspicious = 0;
        foreach (var c in text)
        {
            if (c == '\uFFFD' || (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f' or '\v')))
            {
                suspicious++;
            }
        }

        return suspicious >= 3 && suspicious * 50 > text.Length;
    }

    /// <summary>The value of a Chinese numeral from 一 to 九十九, or 0 when it is not one.</summary>
    internal static int ParseChineseNumeral(ReadOnlySpan<char> numeral)
    {
        const string Digits = "一二三四五六七八九";
        var ten = numeral.IndexOf('十');
        if (ten < 0)
        {
            return numeral.Length == 1 ? Digits.IndexOf(numeral[0], StringComparison.Ordinal) + 1 : 0;
        }

        var tens = ten switch
        {
            0 => 1,
            1 => Digits.IndexOf(numeral[0], StringComparison.Ordinal) + 1,
            _ => 0,
        };
        var rest = numeral[(ten + 1)..];
        var ones = rest.Length switch
        {
            0 => 0,
            1 => Digits.IndexOf(rest[0], StringComparison.Ordinal) + 1,
            _ => -1,
        };
        return tens > 0 && (ones > 0 || rest.Length == 0) ? (tens * 10) + ones : 0;
    }
}
