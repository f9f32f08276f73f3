namespace PublicCredit.Demo;

/// <summary>
/// A real county-level administrative division (GB/T 2260 code) with the names and abbreviations synthetic data
/// needs: the address, the region word in company names, and the short forms used in document numbers.
/// </summary>
/// <param name="Code">The 6-digit division code, positions 3–8 of a USCC and 1–6 of a resident ID.</param>
/// <param name="Province">Full province-level name; for a municipality it equals <paramref name="City"/>.</param>
/// <param name="ProvinceShort">
/// The one-character province abbreviation used in court case numbers (SPC rules on case numbers) and in
/// provincial document numbers: 浙, 粤, 京 … (内 for Inner Mongolia, as case numbers write it).
/// </param>
/// <param name="City">Prefecture-level city (or the municipality).</param>
/// <param name="District">The county-level unit: district, county or county-level city.</param>
/// <param name="Region">The place word at the start of an enterprise name: 杭州, 义乌, 北京.</param>
/// <param name="CityShort">The city's customary short form in document numbers: 杭, 甬, 穗, 深, 沪.</param>
internal sealed record Division(
    string Code,
    string Province,
    string ProvinceShort,
    string City,
    string District,
    string Region,
    string CityShort)
{
    private bool IsMunicipality => Province == City;

    /// <summary><c>浙江省杭州市西湖区</c>; a municipality is not repeated: <c>北京市朝阳区</c>.</summary>
    public string AddressPrefix => IsMunicipality ? City + District : Province + City + District;

    /// <summary><c>杭州市西湖区</c>, <c>北京市朝阳区</c>: how an individual business's name says where it is registered.</summary>
    public string LocalPrefix => City + District;

    /// <summary>
    /// The court code of the division's basic people's court in case numbers: <c>浙0106</c> — the province
    /// abbreviation and the last four digits of the division code (SPC rules on case numbers).
    /// </summary>
    public string CourtCode => ProvinceShort + Code[2..];
}

/// <summary>
/// About fifty real county-level divisions across all 31 provincial-level units, so USCCs, resident IDs,
/// addresses and document numbers all agree on a place. Codes and names follow the current GB/T 2260 list
/// (post-2021 boundaries, e.g. 330102 is the merged 上城区).
/// </summary>
internal static class Divisions
{
    public static IReadOnlyList<Division> All { get; } =
    [
        new("110101", "北京市", "京", "北京市", "东城区", "北京", "京"),
        new("110105", "北京市", "京", "北京市", "朝阳区", "北京", "京"),
        new("110108", "北京市", "京", "北京市", "海淀区", "北京", "京"),
        new("120101", "天津市", "津", "天津市", "和平区", "天津", "津"),
        new("120116", "天津市", "津", "天津市", "滨海新区", "天津", "津"),
        new("130102", "河北省", "冀", "石家庄市", "长安区", "石家庄", "石"),
        new("140105", "山西省", "晋", "太原市", "小店区", "太原", "并"),
        new("150102", "内蒙古自治区", "内", "呼和浩特市", "新城区", "呼和浩特", "呼"),
        new("210102", "辽宁省", "辽", "沈阳市", "和平区", "沈阳", "沈"),
        new("220102", "吉林省", "吉", "长春市", "南关区", "长春", "长"),
        new("230102", "黑龙江省", "黑", "哈尔滨市", "道里区", "哈尔滨", "哈"),
        new("310101", "上海市", "沪", "上海市", "黄浦区", "上海", "沪"),
        new("310104", "上海市", "沪", "上海市", "徐汇区", "上海", "沪"),
        new("310115", "上海市", "沪", "上海市", "浦东新区", "上海", "沪"),
        new("320102", "江苏省", "苏", "南京市", "玄武区", "南京", "宁"),
        new("320505", "江苏省", "苏", "苏州市", "虎丘区", "苏州", "苏"),
        new("320583", "江苏省", "苏", "苏州市", "昆山市", "昆山", "昆"),
        new("330102", "浙江省", "浙", "杭州市", "上城区", "杭州", "杭"),
        new("330106", "浙江省", "浙", "杭州市", "西湖区", "杭州", "杭"),
        new("330212", "浙江省", "浙", "宁波市", "鄞州区", "宁波", "甬"),
        new("330282", "浙江省", "浙", "宁波市", "慈溪市", "慈溪", "慈"),
        new("330782", "浙江省", "浙", "金华市", "义乌市", "义乌", "义"),
        new("340104", "安徽省", "皖", "合肥市", "蜀山区", "合肥", "合"),
        new("350203", "福建省", "闽", "厦门市", "思明区", "厦门", "厦"),
        new("350582", "福建省", "闽", "泉州市", "晋江市", "晋江", "晋"),
        new("360102", "江西省", "赣", "南昌市", "东湖区", "南昌", "洪"),
        new("370102", "山东省", "鲁", "济南市", "历下区", "济南", "济"),
        new("370202", "山东省", "鲁", "青岛市", "市南区", "青岛", "青"),
        new("410105", "河南省", "豫", "郑州市", "金水区", "郑州", "郑"),
        new("420106", "湖北省", "鄂", "武汉市", "武昌区", "武汉", "武"),
        new("430104", "湖南省", "湘", "长沙市", "岳麓区", "长沙", "长"),
        new("440106", "广东省", "粤", "广州市", "天河区", "广州", "穗"),
        new("440304", "广东省", "粤", "深圳市", "福田区", "深圳", "深"),
        new("440305", "广东省", "粤", "深圳市", "南山区", "深圳", "深"),
        new("450103", "广西壮族自治区", "桂", "南宁市", "青秀区", "南宁", "邕"),
        new("460105", "海南省", "琼", "海口市", "秀英区", "海口", "海"),
        new("500103", "重庆市", "渝", "重庆市", "渝中区", "重庆", "渝"),
        new("510104", "四川省", "川", "成都市", "锦江区", "成都", "成"),
        new("510107", "四川省", "川", "成都市", "武侯区", "成都", "成"),
        new("520102", "贵州省", "黔", "贵阳市", "南明区", "贵阳", "筑"),
        new("530102", "云南省", "云", "昆明市", "五华区", "昆明", "昆"),
        new("540102", "西藏自治区", "藏", "拉萨市", "城关区", "拉萨", "拉"),
        new("610113", "陕西省", "陕", "西安市", "雁塔区", "西安", "西"),
        new("620102", "甘肃省", "甘", "兰州市", "城关区", "兰州", "兰"),
        new("630102", "青海省", "青", "西宁市", "城东区", "西宁", "宁"),
        new("640104", "宁夏回族自治区", "宁", "银川市", "兴庆区", "银川", "银"),
        new("650102", "新疆维吾尔自治区", "新", "乌鲁木齐市", "天山区", "乌鲁木齐", "乌"),
    ];
}
