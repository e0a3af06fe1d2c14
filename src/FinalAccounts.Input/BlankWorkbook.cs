using FinalAccounts.Model;

namespace FinalAccounts.Input;

/// <summary>
/// The workbook `generator init` writes: an instructions sheet, the nine public tables' header
/// blocks, and every supplementary sheet with its labels, notes and input validation.
/// </summary>
public static class BlankWorkbook
{
    private const int ListValidationRows = 500;

    private static readonly string[] InstructionLines =
    [
        "部门决算公开报告生成工具——输入工作簿填表说明",
        "",
        "一、公开表（公开01表—公开09表）",
        "1. 从决算系统导出各公开表，把导出的工作表原样复制到本工作簿（可覆盖同名空白表）。工具按表头标题识别各表，工作表名称和位置不限。",
        "2. 导出表中的合并单元格、空行、栏次行、以文本存储的数字（如“1,064.50”）、空白或“-”表示的0都可以直接使用，不必手工整理。",
        "3. 金额单位以表头“金额单位：万元”或“单位：元”为准，元会自动换算为万元。",
        "4. 没有政府性基金或国有资本经营预算支出的单位，保留公开07表、公开08表的表头即可（表内无数据）。",
        "",
        "二、补充信息表（公开表没有的内容）",
        "每张补充表第一列是项目名称，请勿修改；在“内容”列或各列填写。金额均以万元为单位，保留两位小数。",
        "",
        "三、检查",
        "填好后运行：generator validate 本工作簿.xlsx。工具会逐条列出不平衡或缺失的数据，并指明工作表和单元格。",
        "validate 列出的问题与生成报告时完全相同：检查通过，报告中就没有“待填写”标记；未填的内容在报告中显示为醒目的待填写标记，不会按 0 或“无”写入。",
        "",
        "四、文字和表格（公开表和补充表都装不下的内容）",
        "1. “文字”表：每行一段有名称的文字（如“重点工作完成情况”“项目绩效评价报告”），从 Word 复制后粘贴到“内容”格中即可（双击单元格再粘贴，分段保留）。标题按 一、（一）1.（1）书写，报告中自动用相应的标题格式。只属于某个项目的文字请填写“项目名称”。",
        "2. 文字中写〔本年收入合计〕这样的标记，报告中换成计算出的数字（可用的名称见 docs/输入工作簿格式.md）；〔2024〕这样只含数字的不是标记，照原样印出。",
        "3. 表格：新建一张名称以“表格”开头的工作表（如“表格 部门整体支出绩效评价评分表”），照报告中的样子填写；第一行可写“单位：万元”（或 元、分、%）。合并的表头单元格、“/”和空白格都照原样印出，空白不会印成 0。",
        "",
        "五、绩效（第四部分 附件）",
        "1. 项目资金表只在“总额”一行填写权重（如 10）；得分可不填，由程序按 权重×执行率 计算。自评表的合计行由程序相加，不必填写。",
        "2. 报告附件需要“部门（单位）整体支出绩效目标申报表”时，填写“整体绩效目标”“年度主要任务”“整体绩效指标”三张表（合计由程序计算；各指标权重之和应为100），部门整体绩效评价报告写在“文字”表（名称“部门整体绩效评价报告”和“部门整体绩效评价报告（续）”，申报表印在两段之间）。不需要时这三张表可以删去。",
    ];

    public static IReadOnlyList<SheetContent> Create(string department = "", int year = 0, TableSet set = TableSet.National9)
    {
        var sheets = new List<SheetContent> { Instructions() };
        foreach (var entry in PublicTableCatalogue.InSet(set))
        {
            var number = entry.Numbers[set];
            var sheet = new SheetContent($"公开{number:00}表");
            PublicTableHeaders.Write(sheet, entry.Kind, department, year, number: number);
            sheets.Add(sheet);
        }
        sheets.AddRange(WorkbookLayout.Supplements.Select(Supplement));
        return sheets;
    }

    private static SheetContent Instructions()
    {
        var sheet = new SheetContent(WorkbookLayout.Instructions);
        sheet.ColumnWidths[1] = 120;
        for (var i = 0; i < InstructionLines.Length; i++)
            sheet.Set(i + 1, 1, InstructionLines[i], i == 0 ? CellStyle.Title : CellStyle.Wrap);
        var row = InstructionLines.Length + 2;
        sheet.Set(row++, 1, "补充信息表一览：", CellStyle.Bold);
        foreach (var spec in WorkbookLayout.Supplements)
            sheet.Set(row++, 1, $"{spec.Name}：{spec.Purpose}", CellStyle.Wrap);
        return sheet;
    }

    public static SheetContent Supplement(SheetSpec spec) => spec.IsList ? ListSheet(spec) : KeyValueSheet(spec);

    private static SheetContent KeyValueSheet(SheetSpec spec)
    {
        var sheet = new SheetContent(spec.Name);
        sheet.ColumnWidths[1] = 34;
        sheet.ColumnWidths[2] = 50;
        sheet.ColumnWidths[3] = 60;
        sheet.Row(1, 1, "项目", "内容", "说明");
        for (var c = 1; c <= 3; c++)
            sheet.Cells[(1, c)] = sheet.Cells[(1, c)] with { Style = CellStyle.Bold };
        for (var i = 0; i < spec.Fields.Count; i++)
        {
            var field = spec.Fields[i];
            var row = i + 2;
            sheet.Set(row, 1, field.Label);
            sheet.Set(row, 3, (field.Required ? "必填。" : "") + field.Note, CellStyle.Wrap);
            if (Validation(field, $"B{row}") is { } validation)
                sheet.Validations.Add(validation);
        }
        return sheet;
    }

    private static SheetContent ListSheet(SheetSpec spec)
    {
        var sheet = new SheetContent(spec.Name);
        for (var i = 0; i < spec.Fields.Count; i++)
        {
            var field = spec.Fields[i];
            var column = i + 1;
            sheet.Set(1, column, field.Label, CellStyle.Bold);
            sheet.ColumnWidths[column] = field.Type == FieldType.LongText ? 50 : 18;
            var letters = CellRef.ColumnLetters(column);
            if (Validation(field, $"{letters}2:{letters}{ListValidationRows}") is { } validation)
                sheet.Validations.Add(validation);
        }
        return sheet;
    }

    private static CellValidation? Validation(FieldSpec field, string range) => field.Type switch
    {
        FieldType.Amount => new CellValidation(range, "decimal", Prompt: field.Note),
        FieldType.Integer or FieldType.Year => new CellValidation(range, "whole", Prompt: field.Note),
        FieldType.Choice => new CellValidation(range, "list", field.Choices, field.Note),
        _ => null,
    };
}
