using System.Collections.ObjectModel;
using System.Globalization;
using JiujiangMentalHealth.Domain.City;

namespace JiujiangMentalHealth.Infrastructure.Seeding;

/// <summary>
/// 演示数据 — the whole city of Jiujiang at demo scale: the 78 named schools of <see cref="DemoSchools.All"/>
/// followed by 792 generated ones, 870 schools in all, matching the 2018 statistical communiqué:
/// 589 primary schools with 399,000 pupils and 281 secondary schools (初中, 高中, 完全中学, 九年一贯制,
/// 十二年一贯制) with 310,100 students (201,400 初中 + 108,700 高中). Generated schools are named after
/// the real townships (乡镇) and, where known, villages of each county; their enrolment is illustrative.
/// The list is built by pure integer arithmetic (no random numbers), so it is identical on every run.
/// </summary>
public static class DemoCity
{
    /// <summary>小学 schools in the city (2018).</summary>
    public const int PrimarySchoolCount = 589;

    /// <summary>普通中学 schools in the city (2018), counting 九年一贯制 and 十二年一贯制 schools here.</summary>
    public const int SecondarySchoolCount = 281;

    /// <summary>小学 pupils in the city (2018).</summary>
    public const int PrimaryStudentCount = 399_000;

    /// <summary>初中 and 高中 students in the city (2018): 201,400 + 108,700.</summary>
    public const int SecondaryStudentCount = 310_100;

    /// <summary>Every school of the demo city: the named demo schools first, unchanged, then the generated ones.</summary>
    public static IReadOnlyList<DemoSchools.Entry> Schools { get; } = Build();

    /// <summary>How one district is filled in.</summary>
    /// <param name="Code">行政区划代码.</param>
    /// <param name="Prefix">Prefix of every school name (区/县/市 name).</param>
    /// <param name="MiddlePrefix">Prefix of the numbered county-town middle schools (第N中学).</param>
    /// <param name="Total">Schools in the district, named ones included.</param>
    /// <param name="Secondary">Secondary schools in the district, named ones included.</param>
    /// <param name="Villages">Village schools (村小学/完小) in the district, named ones included.</param>
    /// <param name="Seniors">Generated county-town 高中/完全中学.</param>
    /// <param name="CountyMiddle">Generated county-town 初中/九年一贯制 schools.</param>
    /// <param name="CountyPrimary">Generated county-town 小学.</param>
    /// <param name="NineYearTowns">How many of the last townships are served by one 九年一贯制学校.</param>
    /// <param name="Scale">Relative size of the county-town schools (1 small county, 3 largest).</param>
    /// <param name="Towns">Townships, largest first: "镇|乡:村,村|…".</param>
    /// <param name="UrbanPrimary">Street names used for the first county-town primary schools: "名|名".</param>
    private sealed record Plan(
        string Code,
        string Prefix,
        string MiddlePrefix,
        int Total,
        int Secondary,
        int Villages,
        int Seniors,
        int CountyMiddle,
        int CountyPrimary,
        int NineYearTowns,
        int Scale,
        string Towns,
        string UrbanPrimary);

    private sealed record Town(string Name, IReadOnlyList<string> Villages);

    /// <summary>A generated school before its enrolment is fixed.</summary>
    private sealed class Draft(string districtCode, string code, string name, SchoolStage stage, bool central, int min, int max, int weight)
    {
        public string DistrictCode { get; } = districtCode;

        public string Code { get; } = code;

        public string Name { get; } = name;

        public SchoolStage Stage { get; } = stage;

        public bool Central { get; } = central;

        public int Min { get; } = min;

        public int Max { get; } = max;

        /// <summary>Share of the spare students this school receives; 0 means its enrolment is already fixed.</summary>
        public long Weight { get; } = weight == 0 ? 0 : (long)(max - min) * (10 + (int)(Hash(name) % 90)) * weight;

        public int Students { get; set; } = min;

        public DemoSchools.Entry ToEntry() => new(DistrictCode, Code, Name, Stage, Central, Students);
    }

    private static List<Plan> Plans() =>
    [
        new("360403", "九江市浔阳区", "九江市", 42, 14, 0, 2, 7, 24, 0, 2,
            "",
            "甘棠|人民路|白水湖|湖滨|滨兴|向阳|金鸡坡"),
        new("360402", "九江市濂溪区", "九江市濂溪区", 60, 20, 12, 2, 6, 18, 1, 2,
            "莲花镇|姑塘镇:周岭,蔡岭,沿湖,沙湖,广桥,邓桥,香积,谷山|新港镇|威家镇:威家,新华,星德,积余,九星|赛阳镇|虞家河乡|高垄乡",
            "五里|七里湖"),
        new("360404", "柴桑区", "柴桑区", 55, 17, 18, 1, 3, 8, 2, 1,
            "沙河街镇|港口街镇|狮子镇|马回岭镇:富民,蛟田,排山,杨柳,红桥,马头,蔡家桥,朝阳,铭山|城子镇|新合镇|江洲镇|岷山乡|涌泉乡|永安乡|新塘乡",
            ""),
        new("360481", "瑞昌市", "瑞昌市", 75, 24, 29, 2, 4, 8, 4, 2,
            "码头镇|南义镇:王家铺,东升,星明,美源,美景,乐园,前进,朝阳,新福,程家,杨塅,和平|白杨镇|横港镇|范镇|肇陈镇|高丰镇|夏畈镇|武蛟乡|横立山乡|乐园乡|洪下乡|花园乡|南阳乡|洪一乡",
            ""),
        new("360482", "共青城市", "共青城市", 30, 10, 5, 1, 3, 8, 1, 1,
            "甘露镇|江益镇|泽泉乡|金湖乡|苏家垱乡",
            ""),
        new("360483", "庐山市", "庐山市", 45, 14, 16, 1, 3, 5, 2, 1,
            "温泉镇|白鹿镇:五里,交通,梅溪,波湖,大岭,河东|华林镇|横塘镇|蓼花镇|蛟塘镇|海会镇|蓼南乡|牯岭镇",
            ""),
        new("360423", "武宁县", "武宁县", 67, 22, 26, 1, 2, 6, 6, 1,
            "鲁溪镇|船滩镇|罗坪镇|石门楼镇|泉口镇|澧溪镇|宋溪镇|杨洲乡|清江乡|石渡乡|东林乡|巾口乡|上汤乡|甫田乡|罗溪乡|官莲乡|横路乡|大洞乡",
            ""),
        new("360424", "修水县", "修水县", 166, 53, 73, 3, 8, 10, 8, 3,
            "渣津镇|马坳镇:峡口|大桥镇:朱溪,礼源,井源,坳联,排上,大桥,西塘,墩台,黄洋坪,山口,画桥,墨田,界源,西尹,界上"
            + "|溪口镇:下港,北岸,义坑,溪口,南田,蒲口,田仑,咀头,陈坊,包家庄,车头,围丘,榨下,上庄|上奉镇|何市镇|古市镇|白岭镇"
            + "|全丰镇|杭口镇|港口镇|西港镇|山口镇|黄沙镇|黄港镇|四都镇|太阳升镇|宁州镇|征村乡|竹坪乡:南圳,良塘|路口乡|黄龙乡"
            + "|上衫乡|余塅乡|水源乡|石坳乡|东港乡|上杭乡|新湾乡|布甲乡|漫江乡|复原乡|庙岭乡|黄坳乡|大椿乡",
            ""),
        new("360425", "永修县", "永修县", 62, 20, 23, 1, 3, 5, 2, 1,
            "虬津镇|艾城镇:艾城,小桥,郭东,东门,鹊湖,高桥,西津,阳山,千田,青山,马湾"
            + "|马口镇:马口,立华,长溪,爱华,高峰,先峰,屋场,荆湖,前进,城山,林丰,山丰,新丰,和丰"
            + "|三溪桥镇|滩溪镇|白槎镇|梅棠镇|燕坊镇|柘林镇|立新乡|江上乡|九合乡|三角乡|吴城镇",
            ""),
        new("360426", "德安县", "德安县", 43, 16, 13, 1, 1, 4, 4, 1,
            "蒲亭镇:朝阳,桂林,附城,牌楼|聂桥镇|丰林镇|车桥镇|吴山镇|宝塔乡:岳山垅,团山,梅桥,九里,东山,八一,杨桥,田塘"
            + "|河东乡|高塘乡|林泉乡|爱民乡|磨溪乡|塘山乡|邹桥乡",
            ""),
        new("360428", "都昌县", "都昌县", 125, 39, 54, 3, 6, 9, 6, 3,
            "周溪镇|大港镇:大港,漂水,繁荣,大田|都昌镇:西河,矶山,中坝,南山"
            + "|三汊港镇:黄岗,铁炉,铸山,梅西,荷塘,茅岭,亮星,长虹,左桥,赤岸|徐埠镇|左里镇|土塘镇|中馆镇|大沙镇|万户镇"
            + "|南峰镇|蔡岭镇|汪墩乡|春桥乡|芗溪乡|和合乡|鸣山乡|北炎乡|阳峰乡|西源乡|狮山乡|苏山乡|多宝乡|大树乡|北山乡",
            ""),
        new("360429", "湖口县", "湖口县", 42, 14, 14, 1, 1, 3, 2, 1,
            "流泗镇|马影镇|武山镇|城山镇|文桥乡|张青乡|流芳乡|付垄乡|凰村乡|舜德乡|均桥镇",
            ""),
        new("360430", "彭泽县", "彭泽县", 58, 18, 22, 2, 4, 8, 2, 1,
            "芙蓉墩镇|马当镇:南垅,四联,跃进,湖西,和团,船形,荆桥,丽山,莲花,茅湾|棉船镇:江心,升洲,光明,朝阳,新洲,新淡"
            + "|定山镇|杨梓镇|天红镇|浪溪镇|浩山乡|黄岭乡",
            ""),
    ];

    private static ReadOnlyCollection<DemoSchools.Entry> Build()
    {
        var named = DemoSchools.All;
        var names = new HashSet<string>(named.Select(e => e.Name), StringComparer.Ordinal)
        {
            // The same schools under their long names: 九江一中, 湖口中学, 共青城市中学.
            "九江市第一中学",
            "湖口县第一中学",
            "共青城市第一中学",
        };

        var drafts = new List<Draft>(870);
        foreach (var plan in Plans())
        {
            AddDistrict(plan, [.. named.Where(e => e.DistrictCode == plan.Code)], names, drafts);
        }

        var fixedPrimary = named.Where(e => e.Stage == SchoolStage.Primary).Sum(e => e.Students)
            + drafts.Where(d => d.Weight == 0).Sum(d => d.Students);
        var fixedSecondary = named.Where(e => e.Stage != SchoolStage.Primary).Sum(e => e.Students);
        Calibrate([.. drafts.Where(d => d.Weight > 0 && d.Stage == SchoolStage.Primary)], PrimaryStudentCount - fixedPrimary);
        Calibrate([.. drafts.Where(d => d.Stage != SchoolStage.Primary)], SecondaryStudentCount - fixedSecondary);

        return named.Concat(drafts.Select(d => d.ToEntry())).ToList().AsReadOnly();
    }

    private static void AddDistrict(Plan plan, List<DemoSchools.Entry> named, HashSet<string> names, List<Draft> drafts)
    {
        var sequence = 101;
        var towns = ParseTowns(plan.Towns);
        var nextPrimary = towns.ToDictionary(t => t.Name, _ => 2, StringComparer.Ordinal);
        var nextMiddle = towns.ToDictionary(t => t.Name, _ => 2, StringComparer.Ordinal);

        bool Named(Town town, string kind) =>
            named.Any(e => e.Name.StartsWith(plan.Prefix + town.Name, StringComparison.Ordinal) && e.Name.EndsWith(kind, StringComparison.Ordinal));

        bool IsNineYearTown(int index) =>
            index >= towns.Count - plan.NineYearTowns || Named(towns[index], "九年一贯制学校");

        bool Add(string name, SchoolStage stage, bool central, int min, int max, int weight)
        {
            if (!names.Add(name))
            {
                return false;
            }

            var code = "2" + plan.Code + sequence.ToString("D3", CultureInfo.InvariantCulture);
            sequence++;
            drafts.Add(new Draft(plan.Code, code, name, stage, central, min, max, weight));
            return true;
        }

        // County town (县城/城区): senior high schools, middle schools, primary schools.
        var middleNumber = 1;
        string NextMiddleName()
        {
            while (names.Contains(plan.MiddlePrefix + "第" + Numeral(middleNumber) + "中学"))
            {
                middleNumber++;
            }

            return plan.MiddlePrefix + "第" + Numeral(middleNumber++) + "中学";
        }

        for (var i = 0; i < plan.Seniors; i++)
        {
            var complete = i % 2 == 1;
            Add(NextMiddleName(), complete ? SchoolStage.Complete : SchoolStage.Senior, true, complete ? 2000 : 1500, 5000, 2 * plan.Scale);
        }

        var countyMiddle = 0;
        if (countyMiddle < plan.CountyMiddle && Add(plan.Prefix + "实验中学", SchoolStage.Junior, true, 1500, 4500, plan.Scale))
        {
            countyMiddle++;
        }

        if (countyMiddle < plan.CountyMiddle && Add(plan.Prefix + "实验学校", SchoolStage.NineYear, true, 1500, 4000, plan.Scale))
        {
            countyMiddle++;
        }

        while (countyMiddle < plan.CountyMiddle)
        {
            Add(NextMiddleName(), SchoolStage.Junior, true, 1500, 4500, plan.Scale);
            countyMiddle++;
        }

        var countyPrimary = 0;
        var candidates = plan.UrbanPrimary.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(street => plan.Prefix + street + "小学")
            .Append(plan.Prefix + "实验小学")
            .Concat(Enumerable.Range(1, 60).Select(n => plan.Prefix + "第" + Numeral(n) + "小学"));
        foreach (var name in candidates)
        {
            if (countyPrimary == plan.CountyPrimary)
            {
                break;
            }

            if (Add(name, SchoolStage.Primary, true, 1500, 4500, plan.Scale))
            {
                countyPrimary++;
            }
        }

        // Townships: a 中心小学 and a 中学 each, or one 九年一贯制学校 in the smallest.
        var townPrimary = 0;
        var townSecondary = 0;
        for (var i = 0; i < towns.Count; i++)
        {
            var town = towns[i];
            var stem = plan.Prefix + town.Name;
            var size = i < towns.Count / 3 ? 3 : 1;
            if (IsNineYearTown(i))
            {
                if (!Named(town, "九年一贯制学校") && Add(stem + "九年一贯制学校", SchoolStage.NineYear, true, 400, 1500, size))
                {
                    townSecondary++;
                }

                continue;
            }

            if (!Named(town, "中心小学") && Add(stem + "中心小学", SchoolStage.Primary, true, 300, 1500, size))
            {
                townPrimary++;
            }

            if (!Named(town, "中学") && Add(stem + "中学", SchoolStage.Junior, true, 400, 2000, size))
            {
                townSecondary++;
            }
        }

        var namedPrimary = named.Count(e => e.Stage == SchoolStage.Primary);
        var namedVillages = named.Count(e => !e.IsTownshipCentralOrAbove);
        var villages = plan.Villages - namedVillages;
        var extraPrimary = plan.Total - plan.Secondary - namedPrimary - villages - countyPrimary - townPrimary;
        var extraSecondary = plan.Secondary - (named.Count - namedPrimary) - plan.Seniors - countyMiddle - townSecondary;
        if (extraPrimary < 0 || extraSecondary < 0 || villages < 0 || countyPrimary < plan.CountyPrimary)
        {
            throw new InvalidOperationException($"Demo city plan for {plan.Code} does not add up.");
        }

        // Larger townships: a 第二中学 / 第二小学, largest first.
        var central = Enumerable.Range(0, towns.Count).Where(i => !IsNineYearTown(i)).Select(i => towns[i]).ToList();
        for (var k = 0; extraSecondary > 0; k++)
        {
            var town = central[k % central.Count];
            var name = plan.Prefix + town.Name + "第" + Numeral(nextMiddle[town.Name]++) + "中学";
            if (Add(name, SchoolStage.Junior, true, 400, 1500, 1))
            {
                extraSecondary--;
            }
        }

        for (var k = 0; extraPrimary > 0; k++)
        {
            var town = central[k % central.Count];
            var name = plan.Prefix + town.Name + "第" + Numeral(nextPrimary[town.Name]++) + "小学";
            if (Add(name, SchoolStage.Primary, true, 300, 1200, 1))
            {
                extraPrimary--;
            }
        }

        // Village schools: real villages first, taken in turn from each township, then numbered schools.
        var taken = towns.ToDictionary(t => t.Name, _ => 0, StringComparer.Ordinal);
        var withVillages = towns.Where(t => t.Villages.Count > 0).ToList();
        while (villages > 0 && withVillages.Any(t => taken[t.Name] < t.Villages.Count))
        {
            foreach (var town in withVillages)
            {
                if (villages == 0 || taken[town.Name] >= town.Villages.Count)
                {
                    continue;
                }

                var village = town.Villages[taken[town.Name]++];
                var stem = plan.Prefix + town.Name + village;
                var h = Hash(stem);
                var complete = h % 4 == 0;
                var students = complete ? Math.Min(300, 200 + (int)(h / 4 % 134)) : Small(h, 20, 240);
                if (Add(stem + (complete ? "完小" : "村小学"), SchoolStage.Primary, false, students, students, 0))
                {
                    villages--;
                }
            }
        }

        for (var k = 0; villages > 0; k++)
        {
            var town = towns[k % towns.Count];
            var name = plan.Prefix + town.Name + "第" + Numeral(nextPrimary[town.Name]++) + "小学";
            var students = Small(Hash(name), 30, 230);
            if (Add(name, SchoolStage.Primary, false, students, students, 0))
            {
                villages--;
            }
        }
    }

    /// <summary>Hands out <paramref name="target"/> students: each school its minimum plus a weighted share of the rest.</summary>
    private static void Calibrate(List<Draft> drafts, int target)
    {
        var spare = target - drafts.Sum(d => (long)d.Min);
        var weights = drafts.Sum(d => d.Weight);
        if (spare < 0 || weights <= 0)
        {
            throw new InvalidOperationException("Demo city enrolment targets cannot be met.");
        }

        var given = 0L;
        foreach (var draft in drafts)
        {
            var share = spare * draft.Weight / weights;
            draft.Students = draft.Min + (int)share;
            given += share;
        }

        for (var i = 0; given < spare; i++, given++)
        {
            drafts[i].Students++;
        }

        if (drafts.Any(d => d.Students > d.Max))
        {
            throw new InvalidOperationException("Demo city enrolment exceeds a school's size range.");
        }
    }

    private static List<Town> ParseTowns(string towns) =>
    [
        .. towns.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var pieces = part.Split(':');
            var villages = pieces.Length > 1 ? pieces[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
            return new Town(pieces[0], villages);
        }),
    ];

    /// <summary>A small enrolment in [min, min + span), skewed towards the small end.</summary>
    private static int Small(uint hash, int min, int span)
    {
        var u = (long)(hash % 1000);
        return min + (int)(u * u * span / 1_000_000);
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across runs, platforms and .NET versions.</summary>
    private static uint Hash(string text)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var c in text)
            {
                hash ^= c;
                hash *= 16777619u;
            }

            return hash;
        }
    }

    /// <summary>Chinese numeral for 1–99: 一, 十, 十一, 二十三.</summary>
    private static string Numeral(int n)
    {
        const string Digits = "零一二三四五六七八九";
        var ones = Digits[n % 10];
        if (n < 10)
        {
            return new string(ones, 1);
        }

        var tens = n / 10 == 1 ? "十" : new string(Digits[n / 10], 1) + "十";
        return n % 10 == 0 ? tens : tens + ones;
    }
}
