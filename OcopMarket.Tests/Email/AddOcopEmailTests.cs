using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OcopMarket.Core.Email;
using OcopMarket.Tests.Support;

namespace OcopMarket.Tests.Email;

public sealed class AddOcopEmailTests : IDisposable
{
    private readonly TempMailFolder root = new();

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddOcopEmail(configuration, root.Path).BuildServiceProvider();
    }

    [Fact]
    public async Task Defaults_to_the_pickup_folder_under_the_content_root()
    {
        using var sp = Build([]);

        var sender = Assert.IsType<PickupDirectoryEmailSender>(sp.GetRequiredService<IEmailSender>());
        var expected = Path.GetFullPath(Path.Combine(root.Path, "App_Data", "mail"));
        Assert.Equal(expected, sender.Directory);
        Assert.Equal(expected, sp.GetRequiredService<IOptions<EmailOptions>>().Value.PickupDirectory);
        Assert.Same(sender, sp.GetRequiredService<IEmailSender>());

        await sender.SendAsync(new EmailMessage("an@example.vn", null, "Xác nhận đơn hàng", "Cảm ơn bạn!"), CancellationToken.None);
        Assert.Single(Directory.GetFiles(expected, "*.eml"));
    }

    [Fact]
    public void Binds_pickup_folder_and_from_from_configuration()
    {
        var absolute = Path.Combine(root.Path, "elsewhere");
        using var sp = Build(new()
        {
            ["Email:PickupDirectory"] = absolute,
            ["Email:From"] = "Chợ OCOP <hotro@ocop.example.vn>",
        });

        var options = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
        Assert.Equal(absolute, options.PickupDirectory);
        Assert.Equal("Chợ OCOP <hotro@ocop.example.vn>", options.From);
        Assert.Equal(absolute, Assert.IsType<PickupDirectoryEmailSender>(sp.GetRequiredService<IEmailSender>()).Directory);
    }

    [Fact]
    public void Relative_pickup_folder_is_taken_from_the_content_root()
    {
        using var sp = Build(new() { ["Email:PickupDirectory"] = "var/outgoing" });
        Assert.Equal(Path.GetFullPath(Path.Combine(root.Path, "var", "outgoing")),
            sp.GetRequiredService<IOptions<EmailOptions>>().Value.PickupDirectory);
    }

    [Fact]
    public void Smtp_host_selects_the_smtp_sender()
    {
        using var sp = Build(new()
        {
            ["Email:Smtp:Host"] = "smtp.example.vn",
            ["Email:Smtp:Port"] = "2525",
            ["Email:Smtp:UseStartTls"] = "false",
            ["Email:Smtp:UserName"] = "ocop",
            ["Email:Smtp:Password"] = "secret",
        });

        Assert.IsType<SmtpEmailSender>(sp.GetRequiredService<IEmailSender>());
        var smtp = sp.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp;
        Assert.Equal("smtp.example.vn", smtp.Host);
        Assert.Equal(2525, smtp.Port);
        Assert.False(smtp.UseStartTls);
        Assert.Equal("ocop", smtp.UserName);
    }

    [Fact]
    public void Smtp_defaults()
    {
        using var sp = Build([]);
        var options = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
        Assert.Equal("OcopMarket <no-reply@ocopmarket.local>", options.From);
        Assert.Null(options.Smtp.Host);
        Assert.Equal(587, options.Smtp.Port);
        Assert.True(options.Smtp.UseStartTls);
    }

    [Fact]
    public void Empty_smtp_host_keeps_the_pickup_folder()
    {
        using var sp = Build(new() { ["Email:Smtp:Host"] = "" });
        Assert.IsType<PickupDirectoryEmailSender>(sp.GetRequiredService<IEmailSender>());
    }

    public void Dispose() => root.Dispose();
}
