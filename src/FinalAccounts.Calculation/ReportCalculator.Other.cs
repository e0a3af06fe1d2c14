using FinalAccounts.Model;

namespace FinalAccounts.Calculation;

/// <summary>Sections 八 to 十: the two other funds, 机关运行经费, 政府采购, 国有资产.</summary>
public sealed partial class ReportCalculator
{

    /// <summary>A fund's spending by 类 from its own table; no table or a zero total is the "本单位当年无……" case.</summary>
    private FundSection Fund(SubjectTable? table, string columnKeyword, string priorLabel)
    {
        var column = table?.Columns.ToList().FindIndex(c => c.Key.Contains(columnKeyword) && (c.IsTotal || c.Path.Count == 1)) ?? -1;
        var total = table?.TotalRow is { } row && column >= 0 ? Round.Money(row[column]) : Zero;
        var categories = table is null || column < 0 ? [] : Phrasing.Shares(table.RowsAt(SubjectLevel.Category).Select(r => (r.Name, r.Code, Round.Money(r[column]))));
        return new FundSection(!total.IsZero, total, _p.Change(total, Prior(priorLabel), priorLabel, NoReason), categories);
    }

    private OtherMattersSection Other()
    {
        var operating = Input(_w.KeyValue(WorkbookLayout.BasicInfo), "机关运行经费");
        var operatingChange = _p.Change(operating, Prior("机关运行经费"), "机关运行经费", ReasonFrom("机关运行经费变动原因"));
        return new OtherMattersSection(operatingChange, Procurement(), Assets());
    }

    private ProcurementSection Procurement()
    {
        var sheet = _w.KeyValue(WorkbookLayout.Procurement);
        var total = Input(sheet, "政府采购支出总额");
        var zeroLabels = new[] { "政府采购货物支出", "政府采购工程支出", "政府采购服务支出", "授予中小企业合同金额", "授予小微企业合同金额" };
        // A total of 0 with every part stated as 0 is printed part by part, as reference 000 does; a 0 total with
        // blank parts says only "无政府采购支出" (blank parts are not turned into zeros, and not asked for).
        var zeroStated = total.IsZero && !total.IsMissing && zeroLabels.All(l => sheet.Amount(l) is { Value: 0 });
        if (total.IsMissing || total.IsZero && !zeroStated)
        {
            // Without a total nothing else is said (one placeholder).
            var none = Round.Missing("");
            return new ProcurementSection(total, none, none, none, Round.MissingPercent, Round.MissingPercent, Round.MissingPercent,
                none, Round.MissingPercent, none, Round.MissingPercent, false) { IsMissing = total.IsMissing };
        }
        var parts = zeroStated
            ? zeroLabels.Take(3).Select(l => (Amount: Input(sheet, l), Percent: Round.Percent(0))).ToList()
            : Phrasing.SharesOrMissing([("货物", "", Input(sheet, "政府采购货物支出")), ("工程", "", Input(sheet, "政府采购工程支出")), ("服务", "", Input(sheet, "政府采购服务支出"))])
                .Select(p => (p.Amount, p.Percent)).ToList();
        var small = Input(sheet, "授予中小企业合同金额");
        var micro = Input(sheet, "授予小微企业合同金额");
        Percent Of(Money m) => m.IsMissing ? Round.MissingPercent : total.IsZero ? Round.Percent(0) : Round.Percent(m.Value / total.Value * 100m).Of(m, total);
        // Asked for only by a template that says what the purchases were for (reference 001); a finding only then.
        var purpose = sheet.Text("政府采购主要用途")
            ?? _p.Missing(Phrasing.MissingInputId, "“政府采购主要用途”未填写。", CellOf(sheet, "政府采购主要用途"), "政府采购主要用途", onlyWhenShown: true);
        // By kind only for outlines that say it (Hubei): a blank is a finding only where the report prints its placeholder.
        var byKind = new[] { "货物", "工程", "服务" }.Select((kind, i) =>
        {
            var label = $"{kind}授予中小企业合同金额";
            var amount = sheet.Amount(label) is { } a ? Round.Money(a)
                : _p.MissingMoney(Phrasing.MissingInputId, $"“{label}”未填写。", CellOf(sheet, label), label, onlyWhenShown: true);
            var whole = parts[i].Amount;
            var share = amount.IsMissing || whole.IsMissing ? Round.MissingPercent
                : whole.IsZero ? Round.Percent(0) : Round.Percent(amount.Value / whole.Value * 100m).Of(amount, whole);
            return new ProcurementKindShare(kind, whole, amount, share);
        }).ToList();
        return new ProcurementSection(total, parts[0].Amount, parts[1].Amount, parts[2].Amount, parts[0].Percent, parts[1].Percent, parts[2].Percent,
            small, Of(small), micro, Of(micro), !total.IsZero) { HasBreakdown = true, SmallAndMediumByKind = byKind, Purpose = purpose };
    }

    private AssetsSection Assets()
    {
        var sheet = _w.KeyValue(WorkbookLayout.Assets);
        Count Get(string label) => CountOf(sheet, label, Phrasing.MissingCountId);
        // Categories and equipment lines as entered, in the sheet's order (AssetRows); the two national equipment
        // lines stay fields of their own for templates written before.
        return new AssetsSection(Get(AssetRows.VehicleTotal), AssetRows.VehicleCategories(sheet).Select(e => new NamedCount(e.Label.Trim(), Get(e.Label))).ToList(),
            Get("单价50万元以上通用设备"), Get("单价100万元以上专用设备"))
        {
            Equipment = AssetRows.Equipment(sheet).Select(e => new NamedCount(e.Label.Trim(), Get(e.Label))).ToList(),
        };
    }
}
