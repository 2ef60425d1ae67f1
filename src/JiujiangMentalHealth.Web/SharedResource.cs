namespace JiujiangMentalHealth.Web;

/// <summary>
/// Marker for the portal's one set of UI strings: Resources/SharedResource.zh-CN.resx and
/// Resources/SharedResource.en.resx. There is deliberately no neutral .resx, so a key missing
/// from a language shows as the key itself and a test can find it.
/// </summary>
public sealed class SharedResource
{
}
