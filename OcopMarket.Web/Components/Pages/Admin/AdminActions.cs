using MudBlazor;
using OcopMarket.Core.Accounts;
using OcopMarket.Core.Common;
using OcopMarket.Web.Components.Account;
using OcopMarket.Web.Localization;

namespace OcopMarket.Web.Components.Pages.Admin;

/// <summary>Runs an officer's action and turns a refusal into the message shown on the page.</summary>
public static class AdminActions
{
    public static async Task<string?> RunAsync(CurrentActor currentActor, ISnackbar snackbar, string done, Func<Actor, Task> action)
    {
        try
        {
            var actor = await currentActor.GetAsync() ?? throw new ForbiddenException(new("Phiên đăng nhập đã hết.", "Your session has ended."));
            await action(actor);
            snackbar.Add(done, Severity.Success);
            return null;
        }
        catch (UserFacingException e) when (e is DomainException or ForbiddenException or NotFoundException)
        {
            return Lang.Message(e);
        }
    }
}
