using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace JiujiangMentalHealth.Web.Localization;

/// <summary>Model binding's built-in messages ("The value '' is invalid.") in the user's language.</summary>
public sealed class ModelBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var t = factory.Create(typeof(SharedResource));
        var p = options.ModelBindingMessageProvider;
        p.SetAttemptedValueIsInvalidAccessor((value, field) => t["Binding_AttemptedValueIsInvalid", value, field]);
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => t["Binding_NonPropertyAttemptedValueIsInvalid", value]);
        p.SetUnknownValueIsInvalidAccessor(field => t["Binding_UnknownValueIsInvalid", field]);
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["Binding_NonPropertyUnknownValueIsInvalid"]);
        p.SetValueIsInvalidAccessor(value => t["Binding_NonPropertyAttemptedValueIsInvalid", value]);
        p.SetValueMustBeANumberAccessor(field => t["Binding_ValueMustBeANumber", field]);
        p.SetNonPropertyValueMustBeANumberAccessor(() => t["Binding_NonPropertyValueMustBeANumber"]);
        p.SetValueMustNotBeNullAccessor(field => t["Binding_ValueMustNotBeNull", field]);
        p.SetMissingBindRequiredValueAccessor(field => t["Binding_ValueMustNotBeNull", field]);
        p.SetMissingKeyOrValueAccessor(() => t["Binding_MissingKeyOrValue"]);
        p.SetMissingRequestBodyRequiredValueAccessor(() => t["Binding_MissingKeyOrValue"]);
    }
}
