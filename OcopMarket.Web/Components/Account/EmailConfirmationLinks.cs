using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using OcopMarket.Core.Accounts;
using OcopMarket.Web.Startup;

namespace OcopMarket.Web.Components.Account;

/// <summary>Sends the link that confirms an account's email; it is built on the public address, never the request's Host.</summary>
public sealed class EmailConfirmationLinks(UserManager<AppUser> users, IEmailSender<AppUser> sender, NavigationManager navigation, PublicAddress site)
{
    public const string ConfirmPath = "/Account/ConfirmEmail";
    public const string ResendPath = "/Account/ResendEmailConfirmation";

    public async Task SendAsync(AppUser user)
    {
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = navigation.GetUriWithQueryParameters(site.Absolute(ConfirmPath),
            new Dictionary<string, object?> { ["userId"] = user.Id, ["code"] = code });
        await sender.SendConfirmationLinkAsync(user, user.Email!, link);
    }
}
