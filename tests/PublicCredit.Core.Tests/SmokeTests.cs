namespace PublicCredit.Core.Tests;

public class SmokeTests
{
    [Fact]
    public void Arithmetic_holds() => Assert.Equal(2, 1 + 1);
}
