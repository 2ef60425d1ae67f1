using JiujiangMentalHealth.Web.Identity;

namespace JiujiangMentalHealth.IntegrationTests;

public class CommonPasswordValidatorTests
{
    [Theory]
    [InlineData("123456789012")]
    [InlineData("Password1234")]
    [InlineData("aaaaaaaaaaaaaa")]
    [InlineData("abababababab")]
    [InlineData("qwertyuiopas")]
    [InlineData("234567890123")]
    [InlineData("counsellor2024")]
    public void Guessable_passwords_are_refused(string password) =>
        Assert.True(CommonPasswordValidator.IsGuessable(password, "counsellor"));

    [Theory]
    [InlineData("JiujiangDemo2024")]
    [InlineData("浔阳江头夜送客枫叶荻花秋瑟瑟")]
    [InlineData("correct horse battery staple")]
    public void Memorable_phrases_are_accepted(string password) =>
        Assert.False(CommonPasswordValidator.IsGuessable(password, "counsellor"));
}
