using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Bench.CheckBench;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Import;
using PublicCredit.Demo;
using PublicCredit.Identifiers;
using PublicCredit.Subjects;

namespace PublicCredit.Bench.SearchBench;

/// <summary>
/// Synthetic subjects and records for the search bench, imported through the platform's own pipeline (so every column
/// is stored as the platform stores it, and the <c>subjects</c> triggers fill the search index). 80 % organisations named
/// city + brand + trade + form (福州鑫源科技有限公司: <c>公司</c> is in nearly every name, <c>科技</c> in one in twelve),
/// 20 % individuals with common Chinese names (张伟). Records go round the subjects; about half of them are past their
/// publicity period, an organisation's minor penalties and an individual's penalties are never public, so a
/// share of subjects has nothing public and must never be found.
/// </summary>
internal sealed class SearchData
{
    private static readonly string[] Cities = ["福州", "厦门", "泉州", "漳州", "莆田", "三明", "南平", "龙岩", "宁德", "北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "武汉", "西安", "重庆", "天津"];
    private static readonly string[] Brands =
    [
        "鑫源", "华信", "恒达", "宏图", "金诚", "永盛", "东方", "瑞丰", "天成", "海峡", "闽江", "长城", "中兴", "新华", "百盛", "光明", "博远", "嘉禾", "锦程", "盛世",
        "万象", "通达", "兴业", "泰和", "中天", "汇丰", "安顺", "星辰", "明德", "润泽", "鸿运", "森林", "蓝海", "雅居", "益康", "佳美", "立信", "鼎盛", "富源", "众诚",
    ];
    private static readonly string[] Trades = ["科技", "贸易", "食品", "建设", "物流", "餐饮", "医药", "电子", "服装", "家具", "环保", "能源"];
    private static readonly string[] Forms = ["有限公司", "有限公司", "有限公司", "有限公司", "股份有限公司", "有限公司", "有限公司", "合作社"];
    private static readonly string[] Surnames = ["张", "王", "李", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "平", "建国", "志强"];

    private static readonly string[] Departments = ["samr", "spc"];

    private readonly List<string> subjectIds = [];
    private readonly List<string> publicIds = [];
    private readonly List<string> documents = [];
    private readonly List<string> fourCharacterNames = [];

    public static async Task<SearchData> SeedAsync(DatabaseTarget target, int subjects, int records, CreditCatalog catalog, string work)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var data = new SearchData();
        var random = new Random(46);
        var today = PublicCredit.Time.ChinaTime.Today(TimeProvider.System);
        var organisations = subjects * 8 / 10;
        var kinds = new SubjectKind[subjects];
        var ids = new string[subjects];
        var names = new string[subjects];
        for (var s = 0; s < subjects; s++)
        {
            var organisation = s < organisations;
            ids[s] = organisation ? SyntheticDesignations.Organisation(s) : SyntheticDesignations.Person(s - organisations);
            names[s] = organisation
                ? Cities[random.Next(Cities.Length)] + Brands[random.Next(Brands.Length)] + Trades[random.Next(Trades.Length)] + Forms[random.Next(Forms.Length)]
                : Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)] + (random.Next(3) == 0 ? Given[random.Next(Given.Length)] : "");
            kinds[s] = organisation ? SubjectKind.Organisation : SubjectKind.Individual;
            if (s % 997 == 0)
            {
                data.subjectIds.Add(ids[s]);
                if (organisation)
                {
                    data.fourCharacterNames.Add(names[s][..4]);
                }
            }
        }

        // Two department files — SAMR's penalties and licences, the court's enforcement records — imported through the
        // platform's own pipeline, as `pcredit import` runs it: subjects, index rows (from the triggers) and publicity
        // periods (from the catalog) come out as they do for every department's data.
        var first = new DateOnly(2020, 1, 1);
        var days = today.DayNumber - first.DayNumber - 30;
        IEnumerable<SyntheticRecord> Records(Random random)
        {
            for (var i = 0; i < records; i++)
            {
                var s = (int)((long)i * 7_919 % subjects);
                var decided = first.AddDays(random.Next(days));
                var organisation = kinds[s] == SubjectKind.Organisation;
                var (department, category, severity, until) = (organisation, i % 10) switch
                {
                    (true, < 6) => ("samr", "administrative-penalty", (NegativeGrade?)NegativeGrade.General, (DateOnly?)null),
                    (true, < 9) => ("samr", "administrative-licensing", null, decided.AddYears(5)),
                    (true, _) => ("samr", "administrative-penalty", NegativeGrade.Minor, null),
                    (false, < 5) => ("spc", "court-enforcement", NegativeGrade.Serious, null),
                    _ => ("samr", "administrative-penalty", NegativeGrade.General, null),
                };
                var document = department == "spc"
                    ? string.Create(CultureInfo.InvariantCulture, $"({decided.Year})闽01执{i}号")
                    : string.Create(CultureInfo.InvariantCulture, $"闽检罚〔{decided.Year}〕{i}号");
                // A licence still valid today (public while valid, whatever the catalog's penalty periods): a document to look up.
                var publicNow = until is { } valid && valid > today;
                if (i % 997 == 0 && publicNow && department == "samr" && data.documents.Count < 100 && !data.documents.Contains(document))
                {
                    data.documents.Add(document);
                }

                yield return new SyntheticRecord
                {
                    Category = category, SubjectId = ids[s], SubjectName = names[s], DocumentNumber = document, DecisionDate = decided,
                    Severity = severity, LegalBasis = "synthetic basis", Facts = category == "administrative-licensing" ? null : "synthetic facts",
                    Content = category == "administrative-licensing" ? "synthetic content" : null, PublicUntil = until,
                    LegalRepresentative = organisation ? "张三" : null, Department = department,
                };
            }
        }

        var folder = Path.Combine(work, "files");
        Directory.CreateDirectory(folder);
        var paths = Departments.ToDictionary(d => d, d => Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"search-{d}-{subjects}-{records}.csv")));
        foreach (var (department, path) in paths)
        {
            // The same seed for each file: one department's rows of one deterministic stream.
            await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            SyntheticRecordWriter.Write(Records(new Random(4_600)).Where(r => r.Department == department), stream, SyntheticFileFormat.Csv);
        }

        foreach (var (department, path) in paths)
        {
            await using var import = StorageServices.OpenImport(target, catalog, TimeProvider.System);
            var summary = await import.RunAsync(new ImportRequest(path, ImportFormat.Csv, department), null, CancellationToken.None);
            if (summary.Rejected > 0)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The import rejected {summary.Rejected} rows of {path}."));
            }

            File.Delete(path);
        }

        await using (var db = StorageServices.CreateContext(target))
        {
            var sampled = data.subjectIds.Take(10).ToList();
            data.publicIds.AddRange(await db.Subjects.Where(x => sampled.Contains(x.SubjectId)).Select(x => x.PublicId).ToListAsync());
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        return data;
    }

    /// <summary>The query kinds of the goal (docs/performance.md#public-search), each with a few queries to cycle through.</summary>
    public List<QueryKind> Kinds() =>
    [
        new("two-character name", ["张伟", "王芳", "李娜", "刘洋", "陈静"]),
        new("common term 公司", ["公司"]),
        new("common term 科技", ["科技"]),
        new("four-character name", [.. fourCharacterNames.Take(20)]),
        new("exact USCC / public id", [.. subjectIds.Take(10), .. publicIds.Take(10)], Exact: true),
        new("document number", [.. documents.Take(20)], Documents: true),
        new("no hits", ["量子引擎", "不存在的名字", "zzqx"]),
        new("page 5 of 公司", ["公司"], Page: 5),
    ];
}
