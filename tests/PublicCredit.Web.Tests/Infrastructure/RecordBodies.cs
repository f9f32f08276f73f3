using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PublicCredit.Web.Tests.Infrastructure;

/// <summary>Record bodies as department systems send them (docs/api.md#record-shape), valid against the default catalog.</summary>
public static class RecordBodies
{
    public const string OrganisationId = "91350100M000100Y43";
    public const string OtherOrganisationId = "91110108551385082Q";
    public const string PersonId = "11010519491231002X";

    /// <summary>A general administrative penalty decided Fri 2026-11-20 (on time on the default test day, Mon 2026-11-23).</summary>
    public static JsonObject Penalty(string documentNumber = "闽市监罚〔2026〕101号", string decisionDate = "2026-11-20") => new()
    {
        ["category"] = "administrative-penalty",
        ["subject"] = new JsonObject { ["id"] = OrganisationId, ["name"] = "福州示例食品有限公司" },
        ["documentNumber"] = documentNumber,
        ["decisionDate"] = decisionDate,
        ["severity"] = "general",
        ["legalBasis"] = "《中华人民共和国食品安全法》第一百二十四条",
        ["facts"] = "生产经营超范围使用食品添加剂的食品",
        ["content"] = "罚款",
        ["amount"] = 12.5m,
        ["legalRepresentative"] = "张三",
    };

    /// <summary>The registration of an organisation's establishment: its <c>decisionDate</c> is the date of
    /// establishment (docs/domain.md#record-fields), which the green channel reads as the start of its known history.</summary>
    public static JsonObject Registration(string subject = OtherOrganisationId, string name = "北京示例科技有限公司", string establishedOn = "2019-05-06",
        string documentNumber = "京市监登〔2019〕17号") => new()
    {
        ["category"] = "registration",
        ["subject"] = new JsonObject { ["id"] = subject, ["name"] = name },
        ["documentNumber"] = documentNumber,
        ["decisionDate"] = establishedOn,
        ["legalBasis"] = "《企业信息公示暂行条例》第六条",
        ["content"] = "设立登记",
        ["legalRepresentative"] = "王五",
    };

    /// <summary>The same penalty against an individual (not published: the category keeps individuals private).</summary>
    public static JsonObject PenaltyOnPerson(string documentNumber = "闽市监罚〔2026〕201号")
    {
        var body = Penalty(documentNumber);
        body["subject"] = new JsonObject { ["id"] = PersonId, ["name"] = "李四" };
        body.Remove("legalRepresentative");
        return body;
    }

    public static JsonObject With(this JsonObject body, string field, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(body);
        var copy = (JsonObject)body.DeepClone();
        copy[field] = value;
        return copy;
    }

    public static JsonObject Without(this JsonObject body, string field)
    {
        ArgumentNullException.ThrowIfNull(body);
        var copy = (JsonObject)body.DeepClone();
        copy.Remove(field);
        return copy;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, JsonNode body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PostAsJsonAsync(path, body, cancellationToken);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }
}
