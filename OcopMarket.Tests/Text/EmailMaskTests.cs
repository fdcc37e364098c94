using OcopMarket.Core.Text;

namespace OcopMarket.Tests.Text;

public sealed class EmailMaskTests
{
    [Theory]
    [InlineData("nguyenvanan@gmail.com", "n•••n@gmail.com")]
    [InlineData("jane@example.test", "j•••e@example.test")]
    [InlineData("ab@x.vn", "a•••@x.vn")]
    [InlineData("a@x.vn", "a•••@x.vn")]
    [InlineData("odd@name@x.vn", "o•••e@x.vn")] // the domain is what follows the last @
    public void Keeps_the_first_and_last_letters_and_the_domain(string email, string masked) =>
        Assert.Equal(masked, EmailMask.Mask(email));

    [Theory]
    [InlineData("@x.vn")]
    [InlineData("no-at-sign")]
    public void Something_that_is_not_an_address_shows_nothing_of_itself(string text) =>
        Assert.Equal("•••", EmailMask.Mask(text));
}
