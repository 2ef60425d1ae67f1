using JiujiangMentalHealth.Domain.City;
using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.UnitTests.City;

public class DistrictTests
{
    [Theory]
    [InlineData("36040")]
    [InlineData("3604031")]
    [InlineData("36O403")]
    public void Administrative_code_must_be_six_digits(string code) =>
        Assert.Equal("District_CodeInvalid", Assert.Throws<DomainRuleException>(() => new District(code, "浔阳区", 1)).Code);

    [Fact]
    public void Name_cannot_be_blank() =>
        Assert.Equal("District_NameInvalid", Assert.Throws<DomainRuleException>(() => new District("360403", "  ", 1)).Code);
}
