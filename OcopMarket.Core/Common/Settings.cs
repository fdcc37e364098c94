using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OcopMarket.Core.Common;

/// <summary>
/// A configuration section bound to a class. <see cref="Problems"/> lists what is wrong with it, each problem
/// naming the setting ("Checkout:PaymentWindowHours must be …"), so a bad value stops start-up with a message
/// an operator can act on instead of failing later in the middle of a request.
/// </summary>
public interface IValidatedSettings
{
    IEnumerable<string> Problems();
}

public static class SettingsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to the configuration section once, validates it when the host starts
    /// (<c>ValidateOnStart</c>), and registers the bound value itself so services take the settings, not
    /// <c>IOptions&lt;T&gt;</c>.
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section)
        where T : class, IValidatedSettings
    {
        var options = services.AddOptions<T>().BindConfiguration(section);
        services.AddSingleton<IValidateOptions<T>, SettingsValidator<T>>();
        options.ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return options;
    }

    /// <summary>Binds and checks a section outside the host (tests, tools): throws when anything is wrong.</summary>
    public static T Read<T>(IConfiguration configuration, string section) where T : class, IValidatedSettings, new()
    {
        var settings = configuration.GetSection(section).Get<T>() ?? new T();
        var problems = settings.Problems().ToList();
        return problems.Count == 0 ? settings : throw new InvalidOperationException(string.Join(" ", problems));
    }

    private sealed class SettingsValidator<T> : IValidateOptions<T> where T : class, IValidatedSettings
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
