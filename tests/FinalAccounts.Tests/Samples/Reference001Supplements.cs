using FinalAccounts.Model;
using static FinalAccounts.Tests.Samples.Reference001Data;

namespace FinalAccounts.Tests.Samples;

/// <summary>
/// Reference 001's supplementary sheets: its own words where it states them (第一部分, reasons, counts,
/// 名词解释 in its order, the 绩效 texts and tables), derived figures otherwise (each on the 说明 sheet).
/// </summary>
internal static class Reference001Supplements
{
    private static SampleSupplements.Values KeyValues(params (string, object?)[] fields) => new(fields, []);

    private static SampleSupplements.Values List(params object?[][] rows) => new([], rows);

    public static SampleSupplements.Values For(SheetSpec spec) => spec.Name switch
    {
        "基本信息" => KeyValues(
            ("部门名称", Department), ("决算年度", Year), ("单位类型", "行政单位"),
            ("机构设置说明", "盐边县医疗保障局下属二级单位1个，其中参照公务员法管理的事业单位1个。局内设办公室和业务与政策法规股2个机构。\n"
                + "纳入盐边县医疗保障局2020年度部门决算编制范围的二级预算单位包括："),
            ("机关运行经费", 24.133m), ("报告日期", "2021年9月")),
        "部门职责" => List(Reference001Texts.Duties.Select((d, i) => new object?[] { i + 1, d }).ToArray()),
        "机构设置" => List([1, "盐边县医疗保障事务中心", "参照公务员法管理事业单位", null]),
        "上年数" => KeyValues(
            ("收支总计", 1676.27m), ("本年收入合计", 819.90m), ("本年支出合计", 1676.27m), ("财政拨款收支总计", 1676.27m),
            ("财政拨款收入", 819.90m), ("财政拨款支出", 1676.27m),
            ("一般公共预算财政拨款支出", 1649.06m),
            ("“三公”经费支出", 0.15m), ("因公出国(境)费", 0m), ("公务用车购置费", 0m), ("公务用车运行维护费", 0m), ("公务接待费", 0.15m),
            ("政府性基金预算财政拨款支出", 27.21m), ("国有资本经营预算财政拨款支出", 0m), ("机关运行经费", 22.58m)),
        "项目预算" => List(Items.Where(i => i.General != 0).Select(i => new object?[] { i.Code, i.Name, i.OpeningBudget, i.AdjustedBudget,
            i.Code == "2101501" ? "单位人员增加，相关费用增加。" : null }).ToArray()),
        "变动原因" => KeyValues(
            ("收支总计变动原因", "一是2020年无结转资金，二是增加项目以及部分项目资金增加。"),
            ("财政拨款收支总计变动原因", "本年度无结转资金，并已纳入预算；项目支出增加。"),
            ("一般公共预算财政拨款支出变动原因", "增加以前年度欠缴职工基本医疗保险基金、城乡残疾人医疗保险资助金等项目支出。"),
            ("“三公”经费预算执行差异原因", null),
            ("“三公”经费变动原因", "单位业务步入正轨，业务接待增加。"),
            ("因公出国(境)费变动原因", null),
            ("公务用车购置费变动原因", null),
            ("公务用车运行维护费变动原因", null),
            ("公务接待费变动原因", "单位业务步入正轨，业务接待增加。"),
            ("机关运行经费变动原因", "人员变动，公用经费稍有增加。")),
        "三公经费" => KeyValues(
            ("因公出国(境)团组数", 0), ("因公出国(境)人次", 0), ("公务用车购置数量", 0), ("公务用车保有量", 0),
            ("国内公务接待批次", 3), ("国内公务接待人次", 37), ("外事接待批次", 0), ("外事接待人次", 0),
            ("国内公务接待费", 0.282m),
            ("国内公务接待内容", "市局开展2020年医疗保障基金专项治理督导暨抽查复查工作，第一次工作接待11人，餐费840.00元；第二次工作接待15人，餐费1200.00元；第三次工作接待11人，餐费780.00元"),
            ("外事接待费", 0m), ("外事接待内容", null)),
        "公务用车车型" or "收入预算" or "支出预算" or "整体绩效目标" or "年度主要任务" or "整体绩效指标" => List(),
        "政府采购" => KeyValues(
            ("政府采购支出总额", 2.97m), ("政府采购货物支出", 2.97m), ("政府采购工程支出", 0m), ("政府采购服务支出", 0m),
            ("授予中小企业合同金额", 2.97m), ("授予小微企业合同金额", null),
            ("政府采购主要用途", "购买医疗保障日常工作所需办公设备")),
        "国有资产" => KeyValues(("车辆合计", 0)),
        "名词解释" => List(Glossary),
        "绩效自评" => KeyValues(
            ("部门整体支出绩效自评得分", 89.1m),
            ("预算绩效管理工作开展情况", string.Join("\n", PerformanceManagement)),
            ("部门整体支出绩效自评报告", null)),
        "项目绩效" => List(Reference001Projects.All.Select(p => new object?[] { p.Name, Department, Department, null, null, p.Goal, p.Result, null, null, null, null }).ToArray()),
        "项目资金" => List(Reference001Projects.All.SelectMany(p => new[]
        {
            new object?[] { p.Name, "总额", p.Budget, p.Budget, p.Executed, null, null, null },
            new object?[] { p.Name, "财政资金", p.Budget, p.Budget, p.Executed, null, null, null },
        }).ToArray()),
        "绩效指标" => List(Reference001Projects.All.SelectMany(p => p.Indicators.Select(i =>
            new object?[] { p.Name, i.Level1, i.Level2, i.Level3, null, i.Target, null, i.Actual, null, null, null })).ToArray()),
        "文字" => List([
            ["重点工作完成情况", null, Reference001Texts.KeyWork],
            ["部门整体支出绩效评价报告", null, Reference001Texts.DepartmentReport],
            ["部门整体支出绩效评价问题和建议", null, Reference001Texts.DepartmentReportProblems],
            .. Reference001Projects.All.Select(p => new object?[] { "项目绩效目标完成情况综述", p.Name, p.Summary }),
            .. Reference001Projects.All.Where(p => p.Report is not null).Select(p => new object?[] { "项目绩效评价报告", p.Name, p.Report }),
        ]),
        _ => throw new InvalidOperationException($"No reference 001 values for sheet {spec.Name}"),
    };

    /// <summary>第三部分 名词解释 in 001's order; 2296013 (the derived 政府性基金 项) added last, so 001's numbers 1–20 stay.</summary>
    private static readonly object?[][] Glossary =
    [
        ["财政拨款收入", "指单位从同级财政部门取得的财政预算资金。"],
        ["事业收入", "指事业单位开展专业业务活动及辅助活动取得的收入。"],
        ["经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"],
        ["其他收入", "指单位取得的除上述收入以外的各项收入。"],
        ["用事业基金弥补收支差额", "指事业单位在当年的财政拨款收入、事业收入、经营收入、其他收入不足以安排当年支出的情况下，使用以前年度积累的事业基金（事业单位当年收支相抵后按国家规定提取、用于弥补以后年度收支差额的基金）弥补本年度收支缺口的资金。"],
        ["年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"],
        ["结余分配", "指事业单位按照事业单位会计制度的规定从非财政补助结余中分配的事业基金和职工福利基金等。"],
        ["年末结转和结余", "指单位按有关规定结转到下年或以后年度继续使用的资金。"],
        ["2080505", "指反映机关事业单位实施养老保险制度由单位缴纳的基本养老保险费支出。"],
        ["2101202", "指反映财政对城乡居民基本医疗保险基金的补助。"],
        ["2101301", "指反映财政用于城乡困难群众医疗救助的支出。"],
        ["2101501", "指反映行政单位（包括实行公务员管理的事业单位）的基本支出。"],
        ["2101599", "指反映其他用于医疗保障管理事务方面的支出。"],
        ["2130506", "指反映用于农村贫困地区中小学教育、文化、广播、电视、医疗、卫生等方面的项目支出。"],
        ["2210201", "指反映行政事业单位按人力资源和社会保障部、财政部规定的基本工资和津贴补贴以及规定比例为职工缴纳的住房公积金。"],
        ["基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"],
        ["项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"],
        ["经营支出", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。"],
        ["“三公”经费", "指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置及运行费反映单位公务用车车辆购置支出（含车辆购置税）及租用费、燃料费、维修费、过路过桥费、保险费等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。"],
        ["机关运行经费", "为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。"],
        ["2296013", "指反映用于城乡医疗救助的彩票公益金支出。"],
    ];

    /// <summary>第二部分 十（四）, 001's first three paragraphs (the 项目 part follows from 项目绩效 and 文字).</summary>
    private static readonly string[] PerformanceManagement =
    [
        "根据预算绩效管理要求，本部门在年初预算编制阶段，组织对基层医疗机构业务网络通信费项目开展了预算事前绩效评估，对10个项目编制了绩效目标，预算执行过程中，选取10个项目开展绩效监控，年终执行完毕后，对5个项目开展了绩效目标完成情况自评。",
        "本部门按要求对2020年部门整体支出开展绩效自评，从评价情况来看，产出指标、效益指标、满意度指标各项二级指标、三级指标也都完成得比较好。",
        "本部门还自行组织了5个项目支出绩效评价，从评价情况来看，各个项目都基本按绩效目标完成项目指标，达到项目绩效目标。",
    ];
}
