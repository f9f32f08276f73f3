using System.Globalization;
using System.Text.Json.Nodes;

namespace PublicCredit.Web.Tests.Infrastructure;

/// <summary>Record bodies for profile, search and publicity-end tests (valid against the default catalog).</summary>
public static class SubjectBodies
{
    /// <summary>An individual whose court-enforcement and honours records the catalog makes public (individualsPublic).</summary>
    public const string PublicPersonId = "360402198001010079";
    public const string PublicPersonMasked = "3604**********0079";
    public const string PublicPersonName = "王五";

    /// <summary>A licence (public while valid) whose publicity ends on <paramref name="publicUntil"/>, inclusive.</summary>
    public static JsonObject Licence(string documentNumber, string publicUntil, string subjectId = RecordBodies.OrganisationId,
        string name = "福州示例食品有限公司") => new()
    {
        ["category"] = "administrative-licensing",
        ["subject"] = new JsonObject { ["id"] = subjectId, ["name"] = name },
        ["documentNumber"] = documentNumber,
        ["decisionDate"] = "2026-11-20",
        ["legalBasis"] = "《中华人民共和国行政许可法》第三十八条",
        ["content"] = "食品经营许可",
        ["publicUntil"] = publicUntil,
    };

    /// <summary>A judgment defaulter (court-enforcement, serious): public for individuals too, ID masked (docs/domain.md#lists).</summary>
    public static JsonObject Defaulter(string documentNumber = "(2026)闽01执123号", string personId = PublicPersonId, string name = PublicPersonName) => new()
    {
        ["category"] = "court-enforcement",
        ["subject"] = new JsonObject { ["id"] = personId, ["name"] = name },
        ["documentNumber"] = documentNumber,
        ["decisionDate"] = "2026-11-20",
        ["severity"] = "serious",
        ["legalBasis"] = "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条",
        ["facts"] = "有履行能力而拒不履行生效法律文书确定义务",
    };

    /// <summary>An honour (positive, public while valid; individuals public).</summary>
    public static JsonObject Honour(string subjectId, string name, string documentNumber) => new()
    {
        ["category"] = "honours",
        ["subject"] = new JsonObject { ["id"] = subjectId, ["name"] = name },
        ["documentNumber"] = documentNumber,
        ["decisionDate"] = "2026-11-20",
        ["legalBasis"] = "国发〔2016〕33号",
        ["content"] = "诚信示范",
    };

    /// <summary>The <paramref name="n"/>-th of a series of valid resident IDs (GB 11643 check character computed).</summary>
    public static string PersonNumber(int n)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"35010219900720{n:000}");
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }
}
