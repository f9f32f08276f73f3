using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PublicCredit.Bench.CheckBench;
using PublicCredit.Catalog;
using PublicCredit.Data;
using PublicCredit.Identifiers;
using PublicCredit.Records;
using PublicCredit.Subjects;

namespace PublicCredit.Bench.SearchBench;

/// <summary>
/// Synthetic subjects and records for the search bench, written through the platform's model (so every column is
/// stored as the platform stores it, and the <c>subjects</c> triggers fill the search index). 80 % organisations named
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

    private readonly List<string> subjectIds = [];
    private readonly List<string> publicIds = [];
    private readonly List<string> documents = [];
    private readonly List<string> fourCharacterNames = [];

    public static async Task<SearchData> SeedAsync(DatabaseTarget target, int subjects, int records, CreditCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var data = new SearchData();
        var random = new Random(46);
        var now = TimeProvider.System.GetUtcNow();
        var organisations = subjects * 8 / 10;
        var kinds = new SubjectKind[subjects];
        var ids = new string[subjects];
        var names = new string[subjects];
        const int Batch = 5_000;
        for (var start = 0; start < subjects; start += Batch)
        {
            await using var db = StorageServices.CreateContext(target);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var s = start; s < Math.Min(subjects, start + Batch); s++)
            {
                var organisation = s < organisations;
                var id = organisation ? SyntheticDesignations.Organisation(s) : SyntheticDesignations.Person(s - organisations);
                var name = organisation
                    ? Cities[random.Next(Cities.Length)] + Brands[random.Next(Brands.Length)] + Trades[random.Next(Trades.Length)] + Forms[random.Next(Forms.Length)]
                    : Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)] + (random.Next(3) == 0 ? Given[random.Next(Given.Length)] : "");
                (kinds[s], ids[s], names[s]) = (organisation ? SubjectKind.Organisation : SubjectKind.Individual, id, name);
                var publicId = PublicSubjectId.New();
                db.Subjects.Add(new SubjectRow
                {
                    SubjectId = id, Kind = kinds[s], Name = name, NameKey = SubjectNames.SearchKey(name), PublicId = publicId,
                    FirstRecordedAt = now, NameRecordedAt = now,
                });
                if (s % 997 == 0)
                {
                    data.subjectIds.Add(id);
                    data.publicIds.Add(publicId);
                    if (organisation)
                    {
                        data.fourCharacterNames.Add(name[..4]);
                    }
                }
            }

            await db.SaveChangesAsync();
        }

        var first = new DateOnly(2020, 1, 1);
        var days = DateOnly.FromDateTime(now.UtcDateTime).DayNumber - first.DayNumber - 30;
        for (var start = 0; start < records; start += Batch)
        {
            await using var db = StorageServices.CreateContext(target);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(records, start + Batch); i++)
            {
                var s = (int)((long)i * 7_919 % subjects);
                var decided = first.AddDays(random.Next(days));
                var organisation = kinds[s] == SubjectKind.Organisation;
                var (category, severity, published, until) = (organisation, i % 10) switch
                {
                    (true, < 6) => ("administrative-penalty", (NegativeGrade?)NegativeGrade.General, true, (DateOnly?)decided.AddYears(3)),
                    (true, < 9) => ("administrative-licensing", null, true, decided.AddYears(5)),
                    (true, _) => ("administrative-penalty", NegativeGrade.Minor, false, null),
                    (false, < 5) => ("court-enforcement", NegativeGrade.Serious, true, null),
                    _ => ("administrative-penalty", NegativeGrade.General, false, null),
                };
                var document = string.Create(CultureInfo.InvariantCulture, $"闽检罚〔{decided.Year}〕{i}号");
                var at = now.AddDays(-1);
                db.Records.Add(new RecordRow
                {
                    Id = Guid.NewGuid(), Version = 1, Department = "samr", DocumentNumber = document, Category = category,
                    SubjectId = ids[s], SubjectKind = kinds[s], SubjectName = names[s], DecisionDate = decided, Severity = severity,
                    LegalBasis = "synthetic basis", Facts = "synthetic facts", Content = "synthetic content", PublicUntil = until,
                    Published = published, Late = false, SubmittedAt = at, RecordedAt = at, RecordedBy = "bench",
                    ContentHash = new string('0', 64), LedgerPosition = i + 1,
                });
                if (i % 997 == 0 && published && (until is null || until >= DateOnly.FromDateTime(now.UtcDateTime)))
                {
                    data.documents.Add(document);
                }
            }

            await db.SaveChangesAsync();
        }

        await using (var db = StorageServices.CreateContext(target))
        {
            await db.Database.ExecuteSqlRawAsync(target.Provider == DatabaseProvider.Postgres ? "ANALYZE" : "ANALYZE");
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
