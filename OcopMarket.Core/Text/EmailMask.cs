namespace OcopMarket.Core.Text;

/// <summary>
/// An address shown on a page that anyone holding its link can open (a guest's order page): enough for its owner to
/// recognise it, not enough for someone the link was forwarded to to read it off.
/// </summary>
public static class EmailMask
{
    /// <summary>"nguyenvana@gmail.com" → "n•••a@gmail.com"; a local part of one or two letters keeps only its first.</summary>
    public static string Mask(string email)
    {
        var at = email.LastIndexOf('@');
        if (at <= 0) return "•••";
        var local = email[..at];
        var shown = local.Length <= 2 ? $"{local[0]}•••" : $"{local[0]}•••{local[^1]}";
        return shown + email[at..];
    }
}
