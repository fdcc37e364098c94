using OcopMarket.Core.Common;
using OcopMarket.Core.Reviews.Domain;
using OcopMarket.Core.Text;

namespace OcopMarket.Core.Reviews;

/// <summary>
/// The "Reviews" section: HeldWords, the words or phrases (compared without diacritics, as whole words) that make a
/// review wait for an officer instead of being published at once. Links and phone numbers are always held.
/// </summary>
public sealed class ReviewSettings : IValidatedSettings
{
    public const string Section = "Reviews";
    public const int MaxWords = 500;
    public const int MaxWordLength = 60;

    public List<string> HeldWords { get; set; } = [];

    public static readonly ReviewSettings Default = new();

    public ReviewContentFilter Filter() => new(HeldWords);

    public IEnumerable<string> Problems()
    {
        if (HeldWords is null) { yield return "Reviews:HeldWords must be a list of words."; yield break; }
        if (HeldWords.Count > MaxWords) yield return $"Reviews:HeldWords may hold at most {MaxWords} words (got {HeldWords.Count}).";
        for (var i = 0; i < HeldWords.Count; i++)
        {
            var word = HeldWords[i];
            // A word with no letter or digit folds to nothing and would hold nothing: an operator's typo, said at start.
            if (VietnameseText.Fold(word).Length == 0) yield return $"Reviews:HeldWords:{i} has no letter or digit (got \"{word}\").";
            else if (word.Length > MaxWordLength) yield return $"Reviews:HeldWords:{i} is longer than {MaxWordLength} characters.";
        }
    }
}
