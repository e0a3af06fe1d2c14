using FinalAccounts.Model;

namespace FinalAccounts.Calculation;

/// <summary>Section 七: “三公”经费, budget against actual, change, per item and the counts the user supplies.</summary>
public sealed partial class ReportCalculator
{
    private ThreePublicSection ThreePublic()
    {
        var table = _w.Tables.ThreePublic;
        var columns = Enum.GetValues<ThreePublicColumn>();
        Money[] Group(string group) => columns.Select(c => MoneyOf(table?.Get(group, c))).ToArray();
        string NameOf(int index) => table?.NameOf(columns[index]) ?? "";
        var budget = Group(ThreePublicTable.Budget);
        var actual = Group(ThreePublicTable.Actual);
        var shares = Calculation.Shares.Of([actual[1].Value, actual[2].Value, actual[5].Value]);
        Percent ShareOfTotal(Money m) => Round.Percent(actual[0].Value == 0 ? 0 : m.Value / actual[0].Value * 100m).Of(m, actual[0]);

        ThreePublicItem Item(int index, string name, Change change, Percent share) =>
            new(name, budget[index], actual[index], _p.Completion(actual[index], budget[index], name, NoReason), change, share);
        Change ChangeOf(int index, string label) => _p.Change(actual[index], Prior(label), label, ReasonFrom($"{label}变动原因"));

        var counts = _w.KeyValue(WorkbookLayout.ThreePublicCounts);
        Count Counted(string label) => CountOf(counts, label, Phrasing.MissingCountId);

        var types = _w.List(WorkbookLayout.VehicleTypes);
        var vehicleTypes = types.Rows.Select(row =>
        {
            var name = Cell(types, row, "车型", $"公务用车车型第{row.SheetRow}行");
            return new VehicleType(name, CellCount(types, row, "购置数量", $"车型“{name}”"), CellAmount(types, row, "购置金额", $"车型“{name}”"),
                CellCount(types, row, "年末保有量", $"车型“{name}”"));
        }).ToList();
        // 国内 and 外事 接待 apart only when the user split them (000 does); otherwise the table's one figure is all there is.
        // Any of the split's fields filled means a split: a blank one among them is then a placeholder, never a silent fallback.
        var split = counts.Amount("国内公务接待费") is not null || counts.Amount("外事接待费") is not null || counts.Text("国内公务接待内容") is not null;

        return new ThreePublicSection(
            budget[0], actual[0],
            _p.Completion(actual[0], budget[0], "“三公”经费", ReasonFrom("“三公”经费预算执行差异原因")),
            _p.Change(actual[0], Prior("“三公”经费支出"), "“三公”经费支出", ReasonFrom("“三公”经费变动原因")),
            Item(1, NameOf(1), ChangeOf(1, "因公出国(境)费"), Round.Percent(shares[0]).Of(actual[1], actual[0])),
            Item(2, NameOf(2), VehicleChange(actual[2]), Round.Percent(shares[1]).Of(actual[2], actual[0])),
            Item(3, NameOf(3), ChangeOf(3, "公务用车购置费"), ShareOfTotal(actual[3])),
            Item(4, NameOf(4), ChangeOf(4, "公务用车运行维护费"), ShareOfTotal(actual[4])),
            Item(5, NameOf(5), ChangeOf(5, "公务接待费"), Round.Percent(shares[2]).Of(actual[5], actual[0])),
            Counted("因公出国(境)团组数"), Counted("因公出国(境)人次"), Counted("公务用车购置数量"), Counted("公务用车保有量"),
            Counted("国内公务接待批次"), Counted("国内公务接待人次"), Counted("外事接待批次"), Counted("外事接待人次"))
        {
            VehicleTypes = vehicleTypes,
            HasReceptionSplit = split,
            DomesticReception = split ? Input(counts, "国内公务接待费") : Round.Missing(""),
            DomesticReceptionPurpose = split ? InputText(counts, "国内公务接待内容") : "",
            ForeignReception = split ? Input(counts, "外事接待费") : Round.Missing(""),
            ForeignReceptionPurpose = counts.Text("外事接待内容") ?? "",
        };
    }

    /// <summary>A count in a list row; the placeholder (with a warning) when blank, never 0.</summary>
    private Count CellCount(ListSheet sheet, ListRow row, string header, string what)
    {
        var column = sheet.ColumnOf(header);
        var at = row.CellAt(column);
        return row.Number(column) is { } n
            ? new Count(n, n.ToString("0", System.Globalization.CultureInfo.InvariantCulture), false, n == 0, at.ToString())
            : new Count(0, _p.Missing(Phrasing.MissingCountId, $"{what}的“{header}”未填写。", at, $"{what}的{header}"), true, false, at.ToString());
    }

    /// <summary>Last year's 公务用车 total is the sum of its two prior-year parts.</summary>
    private Change VehicleChange(Money actual)
    {
        var purchase = Prior("公务用车购置费");
        var running = Prior("公务用车运行维护费");
        var prior = purchase.IsMissing ? purchase : running.IsMissing ? running : Round.Figure(purchase.Value + running.Value, purchase.Sources.Concat(running.Sources));
        return _p.Change(actual, prior, "公务用车购置及运行维护费", NoReason);
    }
}
