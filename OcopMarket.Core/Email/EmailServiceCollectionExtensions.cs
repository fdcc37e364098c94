using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OcopMarket.Core.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="EmailOptions"/> from the <c>Email</c> section and registers the one <see cref="IEmailSender"/>:
    /// <see cref="SmtpEmailSender"/> when <c>Email:Smtp:Host</c> is set, else <see cref="PickupDirectoryEmailSender"/>
    /// writing to <c>Email:PickupDirectory</c> (relative paths are taken from <paramref name="contentRootPath"/>).
    /// </summary>
    public static IServiceCollection AddOcopEmail(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentRootPath);
        var root = Path.GetFullPath(contentRootPath);

        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.SectionName))
            .PostConfigure(o =>
            {
                if (!string.IsNullOrWhiteSpace(o.PickupDirectory))
                    o.PickupDirectory = Path.GetFullPath(o.PickupDirectory, root);
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.PickupDirectory), "Email:PickupDirectory is empty.")
            .Validate(o => o.Smtp is null || o.Smtp.Port is >= 1 and <= 65535, "Email:Smtp:Port is out of range.")
            .Validate(o => o.SentBodyRetentionDays >= 0, "Email:SentBodyRetentionDays must be 0 or more.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEmailSender>(sp =>
            sp.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp?.IsConfigured == true
                ? ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp)
                : ActivatorUtilities.CreateInstance<PickupDirectoryEmailSender>(sp));
        return services;
    }
}
