namespace PublicCredit.Demo;

/// <summary>
/// The industry word of an enterprise name (杭州云栖<b>科技</b>有限公司) and what follows from it for its records: its
/// sector, and for factories what they make, the discharge-permit industry category and what needs a licence.
/// </summary>
/// <param name="DischargeCategory">The industry category printed on a pollutant discharge permit.</param>
/// <param name="Unit">Unit of annual output in project names: 年产3000<b>吨</b>涂料建设项目.</param>
/// <param name="LicensedProduct">A product under the industrial product production licence, if it makes one.</param>
/// <param name="SpecialEquipment">A special-equipment production licence item, if it makes such equipment.</param>
internal sealed record Industry(
    string Word,
    Sector Sector,
    string? DischargeCategory = null,
    string? Unit = null,
    IReadOnlyList<string>? Products = null,
    string? LicensedProduct = null,
    string? SpecialEquipment = null)
{
    public static IReadOnlyList<Industry> All { get; } =
    [
        new("科技", Sector.Services), new("信息技术", Sector.Services), new("网络科技", Sector.Services),
        new("教育科技", Sector.Services), new("文化传媒", Sector.Services), new("广告", Sector.Services),
        new("物业管理", Sector.Services), new("酒店管理", Sector.Services), new("旅游开发", Sector.Services),
        new("劳务", Sector.Services), new("物流", Sector.Services), new("供应链管理", Sector.Services),
        new("电子商务", Sector.Trade), new("贸易", Sector.Trade), new("商贸", Sector.Trade),
        new("汽车销售服务", Sector.Trade), new("医药", Sector.Trade),
        new("建设工程", Sector.Construction), new("建筑工程", Sector.Construction), new("装饰工程", Sector.Construction),
        new("房地产开发", Sector.Construction),
        new("餐饮管理", Sector.Food), new("食品", Sector.Food),
        new("农业开发", Sector.Farming),
        new("实业", Sector.Manufacturing, "金属表面处理及热处理加工", "吨", ["金属制品", "五金配件"], LicensedProduct: "建筑用钢筋"),
        new("机械设备", Sector.Manufacturing, "通用设备制造", "台", ["数控机床", "阀门", "减速机"], SpecialEquipment: "起重机械制造"),
        new("化工", Sector.Manufacturing, "化学原料和化学制品制造", "吨", ["涂料", "胶粘剂", "水性树脂"], LicensedProduct: "危险化学品"),
        new("电子", Sector.Manufacturing, "电子元件及电子专用材料制造", "万件", ["电子元器件", "线路板", "电线"], LicensedProduct: "电线电缆"),
        new("家具", Sector.Manufacturing, "家具制造", "套", ["实木家具", "办公家具", "软体沙发"]),
        new("服装", Sector.Manufacturing, "纺织服装、服饰业", "万件", ["服装", "针织内衣", "童装"]),
        new("印刷", Sector.Manufacturing, "印刷", "吨", ["包装印刷品", "纸制品"], LicensedProduct: "食品相关产品"),
        new("医疗器械", Sector.Manufacturing, "医疗仪器设备及器械制造", "万件", ["医用敷料", "一次性使用注射器", "医用口罩"]),
        new("新能源科技", Sector.Manufacturing, "电池制造", "万只", ["锂离子电池", "储能电池"]),
        new("环保科技", Sector.Manufacturing, "环境保护专用设备制造", "台", ["污水处理设备", "除尘设备"], SpecialEquipment: "压力容器制造"),
        new("生物科技", Sector.Manufacturing, "生物药品制品制造", "吨", ["生物制剂", "酶制剂"]),
    ];
}
