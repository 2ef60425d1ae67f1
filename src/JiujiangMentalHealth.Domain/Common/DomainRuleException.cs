namespace JiujiangMentalHealth.Domain.Common;

/// <summary>
/// A business rule refused an operation. <see cref="Code"/> is a resource key the web layer
/// translates (zh-CN first), so the domain stays free of UI text; <see cref="Arguments"/> fill
/// the placeholders of that message.
/// </summary>
public sealed class DomainRuleException(string code, params object[] arguments)
    : Exception($"Domain rule violated: {code}")
{
    public string Code { get; } = code;

    public IReadOnlyList<object> Arguments { get; } = arguments;
}
