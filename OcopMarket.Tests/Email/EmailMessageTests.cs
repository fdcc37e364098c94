using OcopMarket.Core.Email;

namespace OcopMarket.Tests.Email;

public class EmailMessageTests
{
    [Theory]
    [InlineData("Hi\r\nBcc: x@y.z")]
    [InlineData("Hi\nBcc: x@y.z")]
    [InlineData("Hi\rBcc: x@y.z")]
    [InlineData("Hi\u0085Bcc: x@y.z")]
    [InlineData("Hi\0")]
    public void Subject_with_a_line_break_or_control_character_is_rejected(string subject)
    {
        Assert.Throws<ArgumentException>(() => new EmailMessage("an@example.vn", null, subject, "body"));
    }

    [Fact]
    public void Display_name_with_a_line_break_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new EmailAddress("an@example.vn", "An\r\nBcc: x@y.z"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not-an-address")]
    [InlineData("an@")]
    [InlineData("@example.vn")]
    [InlineData("an@example.vn, other@example.vn")]
    [InlineData("An <an@example.vn>")]
    [InlineData("<an@example.vn>")]
    [InlineData("an@example.vn\r\nBcc: x@y.z")]
    [InlineData("an example@example.vn")]
    public void Invalid_address_is_rejected(string address)
    {
        Assert.ThrowsAny<ArgumentException>(() => new EmailAddress(address));
    }

    [Theory]
    [InlineData("an@example.vn")]
    [InlineData("nguyen.van.an+ocop@mail.example.com.vn")]
    public void Plain_addresses_are_accepted(string address)
    {
        var to = new EmailAddress(address, "Nguyễn Văn An");
        Assert.Equal(address, to.Address);
        Assert.Equal("Nguyễn Văn An", to.DisplayName);
    }

    [Fact]
    public void Empty_subject_or_text_body_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new EmailMessage("an@example.vn", null, " ", "body"));
        Assert.Throws<ArgumentException>(() => new EmailMessage("an@example.vn", null, "Subject", ""));
    }

    [Fact]
    public void ToString_leaves_out_the_bodies()
    {
        var message = new EmailMessage("an@example.vn", null, "Đặt lại mật khẩu", "https://ocop.example/reset?token=SECRET");
        Assert.DoesNotContain("SECRET", message.ToString());
        Assert.Contains("an@example.vn", message.ToString());
    }
}
