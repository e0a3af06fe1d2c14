using FinalAccounts.Input;
using FinalAccounts.Model;

namespace FinalAccounts.Tests.Samples;

/// <summary>
/// A fictional Hubei department for templates/hubei: the county sample's tables and most of its sheets, with what a Hubei
/// report says that the Sichuan outline does not — 人员构成, the region's vehicle categories and 100万元以上设备（不含车辆）,
/// the texts of 十三(三), 十四 and 第四部分, and Hubei's 项目支出绩效自评表 (项目类别/属性/类型, 预算执行情况 worth 20 points,
/// indicators 80). Every figure of its tables is the county sample's (Samples/SampleData.cs).
/// </summary>
internal static class HubeiSample
{
    public static readonly SampleDepartment Source = SampleData.Source with { Supplements = For, Notes = Notes };

    private static SampleSupplements.Values For(SheetSpec spec)
    {
        var county = SampleSupplements.For(spec);
        return spec.Name switch
        {
            "基本信息" => county with { Fields = [.. county.Fields, ("实有人数", 86), ("行政编制数", 24), ("事业编制数", 58), ("编外人员数", 9)] },
            // Hubei's categories (6 in all, as the county sample's 车辆合计) and one equipment line in the region's words.
            "国有资产" => county with
            {
                Fields =
                [
                    ("车辆合计", 6), ("机要通信用车", 1), ("应急保障用车", 1), ("执法执勤用车", 2), ("特种专业技术用车", 2), ("其他用车", 0),
                    ("单价100万元以上设备（不含车辆）", 1),
                ],
            },
            "文字" => county with
            {
                Rows =
                [
                    .. county.Rows,
                    ["绩效评价结果应用情况", null, "自评结果已报县财政局，并作为2025年预算安排的参考；对执行率偏低的项目，已督促加快支出进度。"],
                    ["专项支出、转移支付支出情况", null, "本部门2024年无对下转移支付支出。专项支出主要用于高标准农田建设和农业生产发展。"],
                    ["其他需要说明的情况", null, "本部门无其他需要说明的情况。"],
                ],
            },
            // Hubei's 项目支出绩效自评表: 项目类别/属性/类型 head the form; 预算执行情况 is worth 20 points (得分 = 20 × 执行率, left to
            // the product), the indicators 80; 自评得分 is left blank so the form's 总分 is the sum of what it lists.
            "项目绩效" => county with
            {
                Rows = county.Rows.Select((row, i) => (object?[])[.. row.Take(7), null, .. row.Skip(8).Take(3), null, .. ProjectHeads[i]]).ToList(),
            },
            "项目资金" => county with
            {
                Rows = county.Rows.Select(row => (object?)row[1] is "总额" ? (object?[])[.. row.Take(5), 20m, null, .. row.Skip(7)] : row).ToList(),
            },
            "绩效指标" => county with
            {
                Rows = county.Rows.Select((row, i) => (object?[])[.. row.Take(8), IndicatorPoints[i].Weight, IndicatorPoints[i].Score, .. row.Skip(10)]).ToList(),
            },
            _ => county,
        };
    }

    /// <summary>项目类别, 项目属性, 项目类型 of the county sample's three projects, in its order.</summary>
    private static readonly string[][] ProjectHeads =
    [
        ["部门预算项目", "持续性项目", "延续性项目"],
        ["部门预算项目", "持续性项目", "常年性项目"],
        ["部门预算项目", "新增性项目", "一次性项目"],
    ];

    /// <summary>权重 and 得分 of the county sample's eight indicators, in its order, reweighted to 80 points a project (Hubei gives 预算执行情况 the other 20).</summary>
    private static readonly (decimal Weight, decimal Score)[] IndicatorPoints = [(25, 25), (15, 15), (25, 20), (15, 15), (40, 40), (40, 33), (40, 40), (40, 40)];

    private static IEnumerable<SheetContent> Notes()
    {
        var notes = new SheetContent(WorkbookLayout.Notes);
        notes.Set(1, 1, "本工作簿是虚构的湖北示例：公开表和大部分补充信息与县级示例（sample-county-agriculture-2024）相同，只是按湖北报告补充了人员构成、车辆类别和文字。");
        yield return notes;
        yield return SampleWorkbook.ScoreTable();   // the county sample's 评分表, for the 附件 both templates print
    }
}
