using System.Security.Cryptography;
using System.Text;

namespace RectificationTracker.Domain.Intake;

/// <summary>
/// A fingerprint of a feedback document's text that survives the differences between two copies of
/// the same document: line breaks, blank lines, spaces, full- or half-width punctuation and digits,
/// and whether it was pasted or extracted from the .docx. Importing a document whose fingerprint is
/// already recorded for the round is refused.
/// </summary>
public static class FeedbackFingerprint
{
    /// <summary>The prefix the fingerprint carries in the history record of an import.</summary>
    public const string Marker = "文档指纹:";

    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = FeedbackText.Fold(FeedbackText.Normalize(text));
        var compact = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c))
            {
                compact.Append(c);
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(compact.ToString())));
    }
}
