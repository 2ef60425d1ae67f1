using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using JiujiangMentalHealth.IntegrationTests.Infrastructure;

namespace JiujiangMentalHealth.IntegrationTests;

public partial class LanguageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task English_can_be_chosen_and_is_remembered()
    {
        using var client = factory.CreatePortalClient();
        var home = await client.SignInAsync("admin");
        Assert.Contains("学校管理", home.Text, StringComparison.Ordinal);

        var english = await client.SubmitAsync(home, new Dictionary<string, string> { ["culture"] = "en" }, "form[action='/Culture']");
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Schools", english.Text, StringComparison.Ordinal);
        Assert.Equal("Administrator", english.TestId("roles"));
        Assert.Equal("Whole city", english.TestId("scope"));

        var later = await client.GetAsync("/Admin/Schools");
        Assert.Equal("en", later.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("School code", later.Text, StringComparison.Ordinal);

        var back = await client.SubmitAsync(later, new Dictionary<string, string> { ["culture"] = "zh-CN" }, "form[action='/Culture']");
        Assert.Equal("zh-CN", back.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(HttpStatusCode.OK, back.Status);
    }

    [Fact]
    public async Task Chinese_is_written_as_characters_and_markup_in_data_is_still_escaped()
    {
        using var client = factory.CreatePortalClient();
        var raw = await client.Http.GetStringAsync("/Account/SignIn");
        Assert.Contains("<title>登录", raw, StringComparison.Ordinal);

        await client.SignInAsync("admin");
        var form = await client.GetAsync("/Admin/Districts/Edit");
        await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Code"] = "360499", ["Input.Name"] = "<script>区</script>" });
        var list = await client.Http.GetStringAsync("/Admin/Districts");
        Assert.Contains("&lt;script&gt;区&lt;/script&gt;", list, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>区", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browser_language_does_not_override_the_Chinese_default()
    {
        using var client = factory.CreatePortalClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var page = await client.GetAsync("/Account/SignIn");
        Assert.Equal("zh-CN", page.Document.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Admin/Schools")]
    [InlineData("/Admin/Schools/Edit")]
    [InlineData("/Admin/Districts")]
    [InlineData("/Admin/Districts/Edit")]
    [InlineData("/Admin/Users")]
    [InlineData("/Admin/Users/Edit")]
    [InlineData("/Account/ChangePassword")]
    public async Task Admin_pages_in_Chinese_show_no_untranslated_resource_key(string path)
    {
        using var client = factory.CreatePortalClient();
        await client.SignInAsync("admin");
        var page = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var html = page.Document.DocumentElement.OuterHtml;
        Assert.Empty(ResourceKey().Matches(html).Select(m => m.Value));
    }

    [Fact]
    public void Chinese_and_English_resources_have_the_same_keys_and_no_empty_value()
    {
        var directory = Path.Combine(RepositoryRoot(), "src", "JiujiangMentalHealth.Web", "Resources");
        var zh = Keys(Path.Combine(directory, "SharedResource.zh-CN.resx"));
        var en = Keys(Path.Combine(directory, "SharedResource.en.resx"));

        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.DoesNotContain(zh, kv => string.IsNullOrWhiteSpace(kv.Value));
        Assert.DoesNotContain(en, kv => string.IsNullOrWhiteSpace(kv.Value));
    }

    [Fact]
    public void Every_key_the_pages_use_exists_in_the_resources()
    {
        var root = Path.Combine(RepositoryRoot(), "src", "JiujiangMentalHealth.Web");
        var known = Keys(Path.Combine(root, "Resources", "SharedResource.zh-CN.resx")).Keys.ToHashSet();
        var used = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => UsedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(known));
    }

    private static Dictionary<string, string> Keys(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JiujiangMentalHealth.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found");
    }

    /// <summary>An untranslated key renders as itself, e.g. Schools_Title.</summary>
    [GeneratedRegex(@"\b(?:App|Nav|Common|Field|Validation|Schools|Districts|Users|Home|SignIn|Role|Scope|Rule|Error|Pager|SchoolStage|SchoolSection|Grade|Class|Identity|Binding|Password|Layout|ChangePassword|RoleHint|SchoolYear|Dash|Report|Reports|Period|PeriodKind|ReportState|ReportAction|Staffing|FeaturedLevel|Activities|Activity|ActivityType|Audience|Partners|OrganiserLevel|Calendar|Weekday|Centre|CentreRole|Consultation|ConsultationChannel|ConsultationTopic|ConsultationReferral|ClientKind|AgeBand|Lecturers|Lecturer|LecturerPost|FamilyLecture|ActivityPhoto|DataRequest|DataRequestKind|DataRequester|DataRequestState)_[A-Za-z0-9_]+\b")]
    private static partial Regex ResourceKey();

    /// <summary>Complete keys written in code: T["Key"], t["Key"], ErrorMessage = "Key", Name = "Key" (not prefixes such as T["Role_" + role]).</summary>
    [GeneratedRegex(@"(?:\b[Tt]\[|ErrorMessage = |Name = )""([A-Z][A-Za-z]+_[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*)""(?!\s*\+)")]
    private static partial Regex UsedKey();
}
