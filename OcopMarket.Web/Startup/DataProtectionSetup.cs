using Microsoft.AspNetCore.DataProtection;
using OcopMarket.Core.Persistence;

namespace OcopMarket.Web.Startup;

public static class DataProtectionSetup
{
    /// <summary>The name every instance shares, whatever folder it runs from: cookies are only readable under it.</summary>
    public const string ApplicationName = "OcopMarket";

    /// <summary>
    /// Keys in the application database under one application name: a restart keeps everyone signed in and every
    /// cart, and several instances on one database read each other's cookies. (The default, a folder in the
    /// user's profile named after the content root, loses them with the container.)
    /// </summary>
    public static IServiceCollection AddOcopDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection()
            .PersistKeysToDbContext<OcopDbContext>()
            .SetApplicationName(ApplicationName);
        return services;
    }
}
