using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using OcopMarket.Core.Accounts;

namespace OcopMarket.Web.Components.Account;

/// <summary>Sends the link that confirms an account's email (through the outbox, like every email of the app).</summary>
public sealed class EmailConfirmationLinks(UserManager<AppUser> users, IEmailSender<AppUser> sender, NavigationManager navigation)
{
    public const string ConfirmPath = "/Account/ConfirmEmail";
    public const string ResendPath = "/Account/ResendEmailConfirmation";

    public async Task SendAsync(AppUser user)
    {
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = navigation.GetUriWithQueryParameters(navigation.ToAbsoluteUri(ConfirmPath).AbsoluteUri,
            new Dictionary<string, object?> { ["userId"] = user.Id, ["code"] = code });
        await sender.SendConfirmationLinkAsync(user, user.Email!, link);
    }
}
