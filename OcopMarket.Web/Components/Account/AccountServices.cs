using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using OcopMarket.Core.Accounts;

namespace OcopMarket.Web.Components.Account;

public static class AccountServices
{
    public const int MinimumPasswordLength = 10;

    /// <summary>
    /// Accounts: ASP.NET Core Identity on the app's database, cookie sign-in, authenticator-app codes on the app's
    /// clock, lockout after 10 failures. The per-IP <see cref="SignInThrottle"/> stops one address after 5, so no single
    /// address can lock someone else's account.
    /// </summary>
    public static IServiceCollection AddOcopAccounts(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SignedInAccounts>();
        services.AddSingleton<OcopMarket.Web.Components.Pages.Legal.RenewalChecks>();
        services.AddScoped<EmailConfirmationLinks>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        // A deleted account's cookie stops working at once, not at Identity's next 30-minute check.
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, SignedInAccounts.AddTo);
        services.AddAuthorization();
        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length and a list of common passwords (CommonPasswordValidator), no composition rules: those
                // make "Password1!" and help nobody (NIST SP 800-63B).
                options.Password.RequiredLength = MinimumPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 2 * SignInThrottle.MaxFailures;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddUserManager<AppUserManager>() // lockouts on the app's clock
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddOcopStores()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ClockedAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        // The cookie's principal is rebuilt from the database every 30 minutes; keep the proof of a second factor
        // ("amr": "mfa"), or officers would be sent back to set up two-factor in the middle of their work.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal is { } current && SecondFactor.WasProved(current)
                && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity renewed && !SecondFactor.WasProved(context.NewPrincipal))
                renewed.AddClaim(new System.Security.Claims.Claim(SecondFactor.ClaimType, SecondFactor.ClaimValue));
            return Task.CompletedTask;
        });
        services.AddSingleton<IEmailSender<AppUser>, AccountEmailSender>();
        return services;
    }
}
