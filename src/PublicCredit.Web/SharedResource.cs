using System.Resources;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace PublicCredit.Web;

/// <summary>
/// The anchor type of the pages' and the report's texts: <c>Resources/SharedResource.resx</c> (zh-CN, the default
/// language, docs/api.md#web-pages) and <c>Resources/SharedResource.en.resx</c> (English). Views and the PDF ask
/// <c>IStringLocalizer&lt;SharedResource&gt;</c> by key; a test keeps both files holding the same keys.
/// </summary>
public sealed class SharedResource
{
    private SharedResource()
    {
    }
}
