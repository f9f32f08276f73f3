using PublicCredit.Catalog;
using static System.Globalization.CultureInfo;

namespace PublicCredit.Demo;

/// <summary>How a department numbers its decisions.</summary>
internal enum DocumentStyle
{
    /// <summary>Administrative documents: issuer abbreviation, 〔year〕, number — 杭市监罚〔2026〕1234号.</summary>
    Decision,

    /// <summary>Court case numbers (SPC rules on case numbers): （year）court code, case type, number — （2025）浙0106执1234号.</summary>
    CourtCase,
}

/// <summary>
/// One kind of record a department submits under a category: who may be its subject, how its document numbers look
/// and how its facts, content and amount are written.
/// </summary>
/// <param name="Office">The issuer part of the document number for a subject registered in a division.</param>
/// <param name="Sectors">The subjects it applies to; the category must also allow their kind in the catalog.</param>
internal sealed record Scenario(
    string Category,
    string Department,
    int Weight,
    Sector Sectors,
    Func<Division, string> Office,
    DocumentStyle Style,
    Action<RecordDraft> Fill);

/// <summary>The record kinds the generator knows, and how often each category occurs.</summary>
internal static class Scenarios
{
    /// <summary>
    /// Share of records per category, in percent. Licensing and penalty decisions ("double publicity", docs/domain.md#record-fields) are
    /// most of what departments submit; lists, honours and contract information are rarer.
    /// </summary>
    public static IReadOnlyList<(string Category, int Weight)> CategoryWeights { get; } =
    [
        ("administrative-licensing", 40),
        ("administrative-penalty", 35),
        ("court-enforcement", 7),
        ("abnormal-operations", 6),
        ("contract-performance", 5),
        ("honours", 4),
        ("tax-violation", 3),
    ];

    /// <summary>Severity mix of negative records where a category allows every grade: minor 20%, general 60%, serious 20%.</summary>
    public static IReadOnlyList<(NegativeGrade Grade, int Weight)> GradeWeights { get; } =
        [(NegativeGrade.Minor, 20), (NegativeGrade.General, 60), (NegativeGrade.Serious, 20)];

    public static IReadOnlyList<Scenario> All { get; } =
    [
        // Weights split a category between departments, among the scenarios that apply to a subject.
        new("administrative-penalty", "samr", 60, Sector.Everyone, d => d.CityShort + "市监罚", DocumentStyle.Decision, MarketPenalty),
        new("administrative-penalty", "sta", 15, Sector.Everyone, d => d.CityShort + "税稽罚", DocumentStyle.Decision, TaxPenalty),
        new("administrative-penalty", "mee", 13, Sector.Manufacturing | Sector.Construction, d => d.CityShort + "环罚", DocumentStyle.Decision, EnvironmentPenalty),
        new("administrative-penalty", "mohurd", 12, Sector.Construction, d => d.CityShort + "建罚", DocumentStyle.Decision, ConstructionPenalty),
        new("administrative-licensing", "samr", 65, Sector.Everyone & ~Sector.Construction, d => d.CityShort + "市监许", DocumentStyle.Decision, MarketLicence),
        new("administrative-licensing", "mohurd", 60, Sector.Construction, d => d.CityShort + "建许", DocumentStyle.Decision, ConstructionLicence),
        new("administrative-licensing", "mee", 30, Sector.Manufacturing, d => d.CityShort + "环许", DocumentStyle.Decision, EnvironmentLicence),
        new("administrative-licensing", "mohrss", 15, Sector.Services, d => d.CityShort + "人社许", DocumentStyle.Decision, LabourLicence),
        // An individual business that misses its annual report is marked 经营异常状态 under its own rules
        // (个体工商户年度报告暂行办法) rather than put on this list, so the list is for enterprises and cooperatives.
        new("abnormal-operations", "samr", 1, Sector.Enterprises, d => d.CityShort + "市监异列", DocumentStyle.Decision, AbnormalOperations),
        new("court-enforcement", "spc", 1, Sector.Everyone, d => d.CourtCode + "执", DocumentStyle.CourtCase, CourtEnforcement),
        // The same issuer as tax penalties: a serious tax violator's decision is a tax penalty decision too, and
        // sharing the abbreviation means sharing the number sequence.
        new("tax-violation", "sta", 1, Sector.Everyone & ~(Sector.Shop | Sector.Farming), d => d.CityShort + "税稽罚", DocumentStyle.Decision, TaxViolation),
        new("honours", "samr", 50, Sector.Enterprises, d => d.ProvinceShort + "市监信", DocumentStyle.Decision, ContractHonour),
        new("honours", "ndrc", 50, Sector.Everyone, d => d.ProvinceShort + "发改财金", DocumentStyle.Decision, IntegrityHonour),
        new("contract-performance", "mof", 70, Sector.Enterprises & ~Sector.Farming, d => d.CityShort + "财采验", DocumentStyle.Decision, ProcurementContract),
        new("contract-performance", "mohurd", 60, Sector.Construction, d => d.CityShort + "建市评", DocumentStyle.Decision, ConstructionContract),
    ];

    private static readonly string[] Foods = ["牛奶", "饼干", "方便面", "糕点", "饮料", "火腿肠", "调味品", "速冻水饺", "酸奶", "面包"];
    private static readonly string[] Produce = ["大米", "食用植物油", "芹菜", "豇豆", "鸡蛋", "猪肉", "韭菜", "茶叶"];
    private static readonly string[] ProduceDefects = ["农药残留", "重金属", "兽药残留", "酸价", "微生物"];
    private static readonly string[] Appliances = ["电热水壶", "电吹风", "插线板", "儿童滑板车", "电动自行车充电器", "LED灯具"];
    private static readonly string[] ProductDefects = ["标志和说明", "温升", "结构", "耐热和阻燃", "输入功率和电流"];
    private static readonly string[] Claims = ["降血压", "抗癌", "根治失眠", "增强免疫力", "减肥"];
    private static readonly string[] Trades = ["餐饮", "服装销售", "水果零售", "五金销售", "废品回收", "汽车维修"];
    private static readonly string[] Pollutants = ["化学需氧量", "氨氮", "总磷", "悬浮物", "石油类"];
    private static readonly string[] Wastes = ["废矿物油", "废包装桶", "含油抹布", "废活性炭", "污泥"];
    private static readonly string[] FoodItems = ["预包装食品销售", "散装食品销售", "热食类食品制售", "冷食类食品制售", "自制饮品制售"];
    private static readonly string[] Qualifications = ["建筑工程施工总承包二级", "市政公用工程施工总承包三级", "建筑装修装饰工程专业承包二级", "环保工程专业承包三级"];
    private static readonly string[] PermitSuffixes = ["P", "V", "Q", "U"];
    private static readonly string[] Purchasers = ["人民医院", "第一中学", "教育局", "城市管理局", "图书馆", "机关事务管理局", "疾病预防控制中心"];
    private static readonly string[] Procurements = ["办公设备采购", "物业管理服务", "信息化系统建设", "食堂食材配送服务", "绿化养护服务", "医疗设备采购", "安保服务"];
    private static readonly string[] Deeds = ["坚持诚信经营，多年来无违法违规记录。", "拾金不昧，主动归还他人遗失的财物。", "带头履行合同约定，帮助周边农户增收。", "热心公益，长期参与社区志愿服务。"];

    // 法释〔2017〕7号 第一条 lists six grounds; refusing to perform while able and breaching the asset-reporting
    // duty are by far the most common in published lists.
    private static readonly WeightedTable<string> DefaulterGrounds = new(
    [
        ("被执行人有履行能力而拒不履行生效法律文书确定的义务。", 55),
        ("被执行人违反财产报告制度。", 25),
        ("被执行人违反限制消费令。", 8),
        ("被执行人以隐匿、转移财产等方法规避执行。", 6),
        ("被执行人无正当理由拒不履行执行和解协议。", 4),
        ("被执行人以伪造证据、暴力、威胁等方法妨碍、抗拒执行。", 2),
    ]);

    private static void MarketPenalty(RecordDraft d)
    {
        d.Facts = d.Sector switch
        {
            Sector.Person => d.Random.Next(2) == 0
                ? $"当事人未依法取得营业执照，擅自在{d.Division.District}从事{d.Pick(Trades)}经营活动。"
                : string.Create(InvariantCulture, $"当事人在{d.Division.District}农贸市场销售超过保质期的{d.Pick(Foods)}共{d.Int(3, 40)}件。"),
            Sector.Shop or Sector.Food or Sector.Farming => d.Random.Next(4) switch
            {
                0 => ExpiredFood(d),
                1 => Unlicensed(d),
                2 => string.Create(InvariantCulture, $"当事人销售的{d.Pick(Produce)}经抽样检验，{d.Pick(ProduceDefects)}项目不符合食品安全标准，货值金额{d.Int(100, 5_000)}元。"),
                _ => "当事人在销售商品时未按照规定明码标价。",
            },
            Sector.Trade => d.Random.Next(4) switch
            {
                0 => FalseAdvertising(d),
                1 => ProductDefect(d, "销售"),
                2 => ExpiredFood(d),
                _ => "当事人在销售商品时未按照规定明码标价。",
            },
            Sector.Manufacturing => d.Random.Next(3) switch
            {
                0 => string.Create(InvariantCulture,
                    $"当事人生产的{d.Product()}（批次：{d.Digits(8)}）经抽样检验，{d.Pick(["标志和说明", "性能指标", "安全性能", "有害物质限量"])}项目不合格，货值金额{d.Int(2_000, 200_000)}元。"),
                1 => FalseAdvertising(d),
                _ => UninspectedElevator(d),
            },
            Sector.Construction => string.Create(InvariantCulture, $"当事人在{d.Project()}使用未经监督检验的塔式起重机{d.Int(1, 3)}台。"),
            _ => d.Random.Next(3) switch
            {
                0 => FalseAdvertising(d),
                1 => UninspectedElevator(d),
                _ => "当事人提供服务时未按照规定明码标价。",
            },
        };
        PenaltyContent(d, "没收违法所得", d.Sector switch
        {
            Sector.Person => "依法取缔其无照经营活动",
            _ => d.Pick(["吊销营业执照", "责令停产停业"]),
        });
    }

    private static string Unlicensed(RecordDraft d)
    {
        d.Gain = d.Int(500, 30_000).ToString(InvariantCulture);
        return $"当事人未取得食品经营许可从事食品经营活动，违法所得{d.Gain}元。";
    }

    private static string ExpiredFood(RecordDraft d) =>
        string.Create(InvariantCulture, $"当事人在其经营场所销售超过保质期的{d.Pick(Foods)}共{d.Int(5, 120)}件，货值金额{d.Int(200, 9_000)}元。");

    private static string FalseAdvertising(RecordDraft d) =>
        $"当事人在其网店商品详情页宣传其销售的保健食品具有“{d.Pick(Claims)}”功效，与实际情况不符，构成虚假商业宣传。";

    // Exports from department systems carry ASCII quotes and commas inside fields; keep some so every consumer of
    // these files meets CSV quoting.
    private static string ProductDefect(RecordDraft d, string verb) =>
        $"当事人{verb}的\"{ChineseNames.TradeName(d.Random)}\"牌{d.Pick(Appliances)}（型号：{Model(d)}, 批次：{d.Digits(8)}）经抽样检验，{d.Pick(ProductDefects)}项目不合格。";

    private static string UninspectedElevator(RecordDraft d) =>
        string.Create(InvariantCulture, $"当事人使用未经定期检验的电梯{d.Int(1, 6)}台。");

    private static void TaxPenalty(RecordDraft d)
    {
        d.Facts = d.IsOrganisation
            ? d.Random.Next(4) switch
            {
                0 => $"当事人{d.Period()}未按照规定期限办理纳税申报和报送纳税资料。",
                1 => string.Create(InvariantCulture, $"当事人{d.Period()}取得不符合规定的发票{d.Int(2, 60)}份，金额合计{d.YuanBetween(5_000, 2_000_000)}元，并在税前列支。"),
                2 => "当事人未按照规定设置、保管账簿和记账凭证。",
                _ => string.Create(InvariantCulture, $"当事人{d.Period()}未按照规定开具发票{d.Int(3, 80)}份，金额合计{d.YuanBetween(2_000, 500_000)}元。"),
            }
            : d.Random.Next(2) == 0
                ? string.Create(InvariantCulture, $"当事人{d.Year - 1}年度取得综合所得，未依法办理个人所得税综合所得汇算清缴，少缴个人所得税{d.YuanBetween(1_000, 200_000)}元。")
                : string.Create(InvariantCulture, $"当事人未按照规定期限办理{d.Year - 1}年度个人所得税纳税申报。");
        // 税收征收管理法 第七十二条: a taxpayer who keeps breaking the rules may be refused further invoices.
        PenaltyContent(d, null, d.IsOrganisation ? "停止向其发售发票" : null);
    }

    private static void EnvironmentPenalty(RecordDraft d)
    {
        d.Facts = d.Sector switch
        {
            Sector.Construction => $"当事人在{d.Project()}施工过程中未采取有效防尘降尘措施，造成扬尘污染。",
            _ => d.Random.Next(4) switch
            {
                0 => string.Create(InvariantCulture,
                    $"当事人废水总排放口外排废水中{d.Pick(Pollutants)}浓度为{d.Int(60, 900)}mg/L，超过《污水综合排放标准》（GB 8978-1996）规定的排放限值{d.Int(1, 35) / 10m:0.0}倍。"),
                1 => $"当事人未依法取得排污许可证排放{d.Pick(["大气", "水"])}污染物。",
                2 => $"当事人未按照规定设置危险废物识别标志，将{d.Pick(Wastes)}混入非危险废物中贮存。",
                _ => $"当事人{d.FactoryProject()}需要配套建设的环境保护设施未经验收，主体工程即投入生产。",
            },
        };
        PenaltyContent(d, "没收违法所得", d.Pick(["责令停产整治", "责令停业、关闭"]));
    }

    private static void ConstructionPenalty(RecordDraft d)
    {
        var project = d.Project();
        d.Facts = d.Random.Next(4) switch
        {
            0 => $"当事人承建的{project}未取得施工许可证擅自施工。",
            1 => $"当事人在{project}施工中未按照工程建设强制性标准施工，存在安全隐患。",
            2 => $"当事人未对{project}使用的建筑材料、建筑构配件进行检验。",
            _ => $"当事人将承包的{project}违法分包给不具备相应资质的单位。",
        };
        PenaltyContent(d, "没收违法所得", d.Pick(["责令停业整顿", "降低资质等级"]));
    }

    /// <summary>
    /// Penalty content and fine by grade: minor — a warning, often without a fine; general — a fine, sometimes with
    /// confiscation; serious — confiscation, a large fine and the department's heaviest measure.
    /// </summary>
    /// <param name="confiscation">What is confiscated besides the fine, if the department confiscates at all.</param>
    /// <param name="heaviest">The department's heaviest measure for a serious case, if any besides the fine.</param>
    private static void PenaltyContent(RecordDraft d, string? confiscation, string? heaviest)
    {
        var gain = d.Gain ?? d.YuanBetween((int)(2_000 * d.Scale), (int)(200_000 * d.Scale));
        var scale = d.Scale;
        switch (d.Severity)
        {
            case NegativeGrade.Minor when d.Random.Next(100) < 40:
                d.Content = "警告。";
                break;
            case NegativeGrade.Minor:
                d.Amount = d.Wan(0.02, 0.5);
                d.Content = $"警告，并处罚款人民币{RecordDraft.Yuan(d.Amount.Value)}元。";
                break;
            case NegativeGrade.General:
                d.Amount = d.Wan(0.5 * scale, 20 * scale);
                d.Content = confiscation is null || (d.Gain is null && d.Random.Next(2) == 0)
                    ? $"罚款人民币{RecordDraft.Yuan(d.Amount.Value)}元。"
                    : $"{confiscation}人民币{gain}元，并处罚款人民币{RecordDraft.Yuan(d.Amount.Value)}元。";
                break;
            default:
                d.Amount = d.Wan(20 * scale, 300 * scale);
                d.Content = string.Concat(
                    confiscation is null ? "处" : $"{confiscation}人民币{gain}元，并处",
                    $"罚款人民币{RecordDraft.Yuan(d.Amount.Value)}元",
                    heaviest is null ? "。" : $"；{heaviest}。");
                break;
        }
    }

    private static void MarketLicence(RecordDraft d)
    {
        d.Facts = d.Pick(["申请人提交的申请材料齐全、符合法定形式，经审查符合法定条件、标准。", "经现场核查，申请人的经营场所、设施设备符合要求。"]);
        var industry = d.Subject.Industry;
        d.Content = d.Sector == Sector.Manufacturing && industry?.LicensedProduct is { } product && d.Random.Next(3) > 0
            ? $"准予行政许可：全国工业产品生产许可证，证书编号：{d.Division.ProvinceShort}XK{d.Digits(2)}-{d.Digits(3)}-{d.Digits(5)}，产品名称：{product}，有效期至{d.YearsLater(5)}。"
            : d.Sector == Sector.Manufacturing && industry?.SpecialEquipment is { } equipment && d.Random.Next(3) > 0
                ? $"准予行政许可：特种设备生产许可证，许可证编号：TS{d.Digits(7)}，许可项目：{equipment}，有效期至{d.YearsLater(4)}。"
                : $"准予行政许可：食品经营许可证，许可证编号：JY{d.Int(1, 2)}{d.Division.Code}{d.Digits(7)}，经营项目：{FoodItem(d)}，有效期至{d.YearsLater(5)}。";
    }

    // Factories and offices hold food licences for their canteens; shops and restaurants for what they sell.
    private static string FoodItem(RecordDraft d) =>
        d.Sector is Sector.Manufacturing or Sector.Services ? "单位食堂（热食类食品制售）" : d.Pick(FoodItems);

    private static void LabourLicence(RecordDraft d)
    {
        d.Facts = "申请人提交的申请材料齐全、符合法定形式，经审查符合法定条件、标准。";
        d.Content = $"准予行政许可：{d.Pick(["劳务派遣经营许可证", "人力资源服务许可证"])}，许可证编号：{d.Division.Code}{d.Year}{d.Digits(4)}，有效期至{d.YearsLater(3)}。";
    }

    private static void ConstructionLicence(RecordDraft d)
    {
        d.Facts = "申请人提交的申请材料齐全、符合法定形式，经审查符合法定条件、标准。";
        d.Content = d.Random.Next(3) == 0
            ? $"准予行政许可：建筑业企业资质证书，证书编号：D{d.Digits(9)}，资质类别及等级：{d.Pick(Qualifications)}。"
            : string.Create(InvariantCulture,
                $"准予行政许可：建筑工程施工许可证，编号：{d.Division.Code}{d.Date:yyyyMMdd}{d.Digits(4)}，工程名称：{d.Project()}，建设规模{d.Int(2_000, 120_000)}平方米。");
    }

    private static void EnvironmentLicence(RecordDraft d)
    {
        if (d.Random.Next(2) == 0)
        {
            d.Facts = "申请人提交的申请材料齐全、符合法定形式，经审查符合法定条件、标准。";
            // A pollutant discharge permit is numbered after the holder's USCC.
            d.Content = $"准予行政许可：排污许可证，证书编号：{d.Subject.Id.Value}001{d.Pick(PermitSuffixes)}，行业类别：{d.Subject.Industry?.DischargeCategory ?? "金属表面处理及热处理加工"}，有效期至{d.YearsLater(5)}。";
        }
        else
        {
            var project = d.FactoryProject();
            d.Facts = $"{project}环境影响报告表经技术评估，在落实报告表提出的各项污染防治措施后，对环境的不利影响能够得到缓解和控制。";
            d.Content = $"准予行政许可：同意{project}按照环境影响报告表所列性质、规模、地点和环境保护措施进行建设。";
        }
    }

    private static void AbnormalOperations(RecordDraft d)
    {
        // 企业信息公示暂行条例 第八条: annual reports are due between 1 January and 30 June for the year before, so
        // a listing in the first half of a year concerns the report for two years before.
        var reportYear = d.Date.Month > 6 ? d.Year - 1 : d.Year - 2;
        d.Facts = d.Random.Next(20) switch
        {
            < 12 => string.Create(InvariantCulture, $"未依照《企业信息公示暂行条例》第八条规定的期限公示{reportYear}年度报告。"),
            < 18 => "通过登记的住所或者经营场所无法联系。",
            18 => "公示企业信息隐瞒真实情况、弄虚作假。",
            _ => "未在市场监督管理部门责令的期限内公示有关企业信息。",
        };
        d.Content = "列入经营异常名录。依法履行公示义务或者恢复与登记住所的联系后，可以申请移出。";
    }

    private static void CourtEnforcement(RecordDraft d)
    {
        d.Facts = DefaulterGrounds.Pick(d.Random);
        var sum = d.YuanBetween((int)(50_000 * d.Scale), (int)(5_000_000 * d.Scale));
        var obligation = d.IsOrganisation
            ? d.Pick(["支付货款人民币{0}元及逾期付款利息", "偿还借款本金人民币{0}元及利息", "支付工程款人民币{0}元", "支付劳动报酬人民币{0}元", "支付租金人民币{0}元及违约金"])
            : d.Pick(["偿还借款人民币{0}元及利息", "支付货款人民币{0}元", "支付租金人民币{0}元", "赔偿损失人民币{0}元"]);
        var judgment = string.Create(InvariantCulture, $"（{d.Year - 1}）{d.Division.CourtCode}民初{d.Int(100, 25_000)}号");
        d.Content = $"生效法律文书确定的义务：{string.Format(InvariantCulture, obligation, sum)}；被执行人的履行情况：{d.Pick(["全部未履行", "全部未履行", "部分未履行"])}。执行依据：{judgment}民事判决书。";
    }

    private static void TaxViolation(RecordDraft d)
    {
        // 税收征收管理法 第六十三条 and 第六十六条: a fine of 50% to five times the tax evaded or refund obtained.
        // STA Order 54 publishes evasion of 1 million yuan or more, hence the lower bound.
        var evaded = d.Wan(100, d.IsOrganisation ? 3_000 : 600);
        var times = d.Pick(["0.5", "1", "1.5", "2"]);
        var fine = Math.Round(evaded * decimal.Parse(times, InvariantCulture), 2);
        d.Amount = new decimal((int)(fine * 100), 0, 0, isNegative: false, scale: 2);
        var tax = d.IsOrganisation ? d.Pick(["增值税", "企业所得税"]) : "个人所得税";
        if (d.Sector is Sector.Manufacturing or Sector.Trade && d.Random.Next(5) == 0)
        {
            d.Facts = $"经检查，当事人以假报出口手段骗取出口退税{RecordDraft.Yuan(evaded)}元。";
            d.Content = $"追缴骗取的退税款{RecordDraft.Yuan(evaded)}元，并处骗取税款{times}倍的罚款{RecordDraft.Yuan(d.Amount.Value)}元。";
            return;
        }

        d.Facts = $"经检查，当事人于{d.Period()}，采取{d.Pick(["虚假申报", "隐匿收入", "在账簿上多列支出", "伪造记账凭证"])}手段，少缴{tax}{RecordDraft.Yuan(evaded)}元。";
        d.Content = $"追缴税款{RecordDraft.Yuan(evaded)}元，加收滞纳金，并处少缴税款{times}倍的罚款{RecordDraft.Yuan(d.Amount.Value)}元。";
    }

    private static void ContractHonour(RecordDraft d)
    {
        d.Facts = "企业自愿申报，经市场监督管理部门审核并向社会公示，无异议。";
        d.Content = string.Create(InvariantCulture, $"被{d.Division.Province}市场监督管理局公示为{d.Year - 2}—{d.Year - 1}年度“守合同重信用”企业。");
    }

    private static void IntegrityHonour(RecordDraft d)
    {
        if (d.IsOrganisation)
        {
            d.Facts = d.Pick(Deeds);
            d.Content = d.Random.Next(2) == 0
                ? string.Create(InvariantCulture, $"入选{d.Division.Province}{d.Year - 1}年度诚信建设典型案例。")
                : string.Create(InvariantCulture, $"被评为{d.Division.City}{d.Year - 1}年度诚信经营示范单位。");
            return;
        }

        d.Facts = d.Pick(Deeds);
        d.Content = d.Random.Next(2) == 0
            ? string.Create(InvariantCulture, $"被评为{d.Division.City}{d.Year - 1}年度“诚信之星”。")
            : string.Create(InvariantCulture, $"入选{d.Division.Province}{d.Year - 1}年度诚实守信典型人物。");
    }

    private static void ProcurementContract(RecordDraft d)
    {
        d.Facts = string.Create(InvariantCulture,
            $"{d.Division.City}{d.Pick(Purchasers)}{d.Pick(Procurements)}政府采购项目（项目编号：{d.Division.Code}-{d.Year}-{d.Digits(5)}），合同金额{d.Wan(5, 2_000)}万元。");
        d.Content = d.Random.Next(10) switch
        {
            < 7 => "履约验收合格，合同已履行完毕。",
            < 9 => string.Create(InvariantCulture, $"未按合同约定期限交付，逾期{d.Int(3, 60)}日，已按约定支付违约金{d.YuanBetween(1_000, 80_000)}元。"),
            _ => "履约验收不合格，采购人已依法解除合同。",
        };
    }

    private static void ConstructionContract(RecordDraft d)
    {
        d.Facts = string.Create(InvariantCulture, $"{d.Project()}施工总承包合同，合同金额{d.Wan(200, 50_000)}万元。");
        d.Content = $"合同履约评价结果：{d.Pick(["良好", "良好", "合格", "合格", "合格", "不合格"])}。";
    }

    private static string Model(RecordDraft d) =>
        string.Create(InvariantCulture, $"{(char)('A' + d.Random.Next(26))}{(char)('A' + d.Random.Next(26))}-{d.Int(100, 9_999)}");
}
