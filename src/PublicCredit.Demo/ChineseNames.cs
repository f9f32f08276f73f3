using static System.Globalization.CultureInfo;

namespace PublicCredit.Demo;

/// <summary>Personal names and enterprise names that read like real ones.</summary>
internal static class ChineseNames
{
    // Approximate share per 10,000 people of the most common surnames, rounded, in the order of the published
    // household-registration rankings (王, 李, 张, 刘, 陈 … cover about 30% of the population). Good enough for
    // demo data: the five commonest names dominate, rare ones (欧阳, 诸葛) still turn up.
    private static readonly WeightedTable<string> Surnames = new(
    [
        ("王", 710), ("李", 700), ("张", 613), ("刘", 538), ("陈", 453), ("杨", 308), ("赵", 229), ("黄", 224),
        ("周", 195), ("吴", 205), ("徐", 160), ("孙", 154), ("胡", 132), ("朱", 140), ("高", 109), ("林", 113),
        ("何", 114), ("郭", 120), ("马", 146), ("罗", 108), ("梁", 96), ("宋", 83), ("郑", 97), ("谢", 84),
        ("韩", 73), ("唐", 80), ("冯", 73), ("于", 59), ("董", 63), ("萧", 8), ("程", 53), ("曹", 71),
        ("袁", 60), ("邓", 72), ("许", 75), ("傅", 20), ("沈", 46), ("曾", 67), ("彭", 70), ("吕", 50),
        ("苏", 51), ("卢", 45), ("蒋", 58), ("蔡", 57), ("贾", 36), ("丁", 48), ("魏", 51), ("薛", 29),
        ("叶", 54), ("阎", 10), ("余", 56), ("潘", 60), ("杜", 55), ("戴", 21), ("夏", 35), ("钟", 41),
        ("汪", 38), ("田", 64), ("任", 47), ("姜", 43), ("范", 37), ("方", 34), ("石", 37), ("姚", 45),
        ("谭", 40), ("廖", 36), ("邹", 33), ("熊", 32), ("金", 37), ("陆", 39), ("郝", 24), ("孔", 20),
        ("白", 33), ("崔", 42), ("康", 19), ("毛", 25), ("邱", 31), ("秦", 31), ("江", 30), ("史", 27),
        ("顾", 25), ("侯", 27), ("邵", 23), ("孟", 32), ("龙", 27), ("万", 23), ("段", 28), ("雷", 28),
        ("钱", 23), ("汤", 20), ("尹", 30), ("黎", 26), ("易", 18), ("常", 19), ("武", 22), ("乔", 17),
        ("贺", 25), ("赖", 18), ("龚", 24), ("文", 17), ("肖", 66), ("闫", 29), ("付", 34), ("覃", 22),
        ("韦", 35), ("欧阳", 5), ("司马", 1), ("上官", 1), ("诸葛", 1), ("令狐", 1),
    ]);

    private static readonly HashSet<string> CompoundSurnames = ["欧阳", "司马", "上官", "诸葛", "令狐"];

    private const string MaleCharacters =
        "伟强磊军洋勇杰涛明超斌鹏辉刚健峰浩宇俊凯文博志建国华平林海波亮龙飞晨阳鑫帅旭昊睿泽轩毅诚东成宏永家豪航然";

    private const string FemaleCharacters =
        "芳娜敏静丽艳秀英娟霞婷雪琳慧颖倩玲燕萍红梅佳欣怡悦晶琪瑶雯璐蕾洁薇露丹妍彤萱涵诗雨梦思晓月春兰桂凤";

    // 字号 (trade names) are two characters drawn from these, so they read like names without copying any
    // well-known company's.
    private const string TradeCharacters =
        "云栖华信恒通鑫源博远天成中科瑞丰宏达金桥新锐创立鼎盛永兴东方嘉禾润泽世广联聚力星辰蓝海优品佳和正德汇安泰祥福景明元启卓越智诚晟昊展航骏宸屹沃";

    // Company Law forms: most private firms are 有限公司; 股份有限公司 are fewer and larger.
    private static readonly WeightedTable<string> CompanyForms = new(
        [("有限公司", 82), ("有限责任公司", 6), ("股份有限公司", 12)]);

    // Individual businesses that sell food, which is what most of their licences and penalties are about.
    private static readonly string[] Shops =
    [
        "便利店", "面馆", "小吃店", "水果店", "烟酒店", "餐馆", "超市", "茶叶店", "副食店", "快餐店", "粮油店",
        "早餐店", "烧烤店", "奶茶店",
    ];

    private static readonly string[] CooperativeProducts =
    [
        "蔬菜种植", "茶叶", "水果种植", "生猪养殖", "水稻种植", "食用菌", "花卉苗木", "家禽养殖", "中药材种植", "水产养殖",
    ];

    private static readonly string[] Streets =
    [
        "中山路", "人民路", "解放路", "建设路", "文化路", "和平路", "新华路", "长江路", "黄河路", "东风路",
        "胜利路", "青年路", "学院路", "科技路", "创业路", "工业园路", "环城北路", "滨江大道", "金融街", "文三路",
        "学府路", "湖滨路", "府前街", "光明路", "朝阳路", "复兴路", "迎宾大道", "体育路", "北京路", "上海路",
    ];

    /// <summary>A surname and a one- or two-character given name; <paramref name="male"/> picks the character pool.</summary>
    public static string Person(Random random, bool male)
    {
        var pool = male ? MaleCharacters : FemaleCharacters;
        var surname = Surnames.Pick(random);
        var first = pool[random.Next(pool.Length)];

        // About a quarter of given names have one character (王伟); the rest two, rarely a doubled one (李婷婷).
        var shape = random.Next(100);
        if (shape < 25)
        {
            return string.Concat(surname, first.ToString());
        }

        if (!male && shape < 28)
        {
            return string.Concat(surname, first.ToString(), first.ToString());
        }

        var second = pool[random.Next(pool.Length)];
        while (second == first)
        {
            second = pool[random.Next(pool.Length)];
        }

        return string.Concat(surname, first.ToString(), second.ToString());
    }

    /// <summary>The surname of a name made by <see cref="Person"/>: 欧阳 of 欧阳伟, 王 of 王婷婷.</summary>
    public static string Surname(string person) =>
        person.Length >= 3 && CompoundSurnames.Contains(person[..2]) ? person[..2] : person[..1];

    public static string TradeName(Random random)
    {
        var first = TradeCharacters[random.Next(TradeCharacters.Length)];
        var second = TradeCharacters[random.Next(TradeCharacters.Length)];
        while (second == first)
        {
            second = TradeCharacters[random.Next(TradeCharacters.Length)];
        }

        return string.Concat(first.ToString(), second.ToString());
    }

    /// <summary>杭州云栖科技有限公司: region, trade name, industry word, legal form.</summary>
    public static string Company(Random random, Division division, Industry industry) =>
        string.Concat(division.Region, TradeName(random), industry.Word, CompanyForms.Pick(random));

    /// <summary>
    /// 杭州市西湖区老王面馆 / 杭州市西湖区王记小吃店 / 杭州市西湖区云栖便利店: an individual business is named after
    /// where it is registered and, often, after its operator.
    /// </summary>
    public static string IndividualBusiness(Random random, Division division, string operatorName)
    {
        var surname = Surname(operatorName);
        var style = random.Next(3);
        var trade = style switch
        {
            0 => "老" + surname,
            1 => surname + "记",
            _ => TradeName(random),
        };
        return string.Concat(division.LocalPrefix, trade, Pick(random, Shops));
    }

    /// <summary>杭州市西湖区绿源茶叶专业合作社 (a farmers' specialised cooperative).</summary>
    public static string Cooperative(Random random, Division division) =>
        string.Concat(division.LocalPrefix, TradeName(random), Pick(random, CooperativeProducts), "专业合作社");

    /// <summary>浙江省杭州市西湖区文三路88号 (sometimes with a building and room).</summary>
    public static string Address(Random random, Division division)
    {
        var street = Pick(random, Streets);
        var number = random.Next(1, 999);
        return random.Next(3) == 0
            ? string.Create(InvariantCulture,
                $"{division.AddressPrefix}{street}{number}号{random.Next(1, 20)}幢{random.Next(1, 30)}{random.Next(1, 20):D2}室")
            : string.Create(InvariantCulture, $"{division.AddressPrefix}{street}{number}号");
    }

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
