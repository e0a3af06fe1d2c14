using FinalAccounts.Input;
using FinalAccounts.Model;
using static FinalAccounts.Tests.Samples.SampleData;

namespace FinalAccounts.Tests.Samples;

/// <summary>
/// What <see cref="SampleWorkbook"/> writes a workbook from: one department's 项-level amounts and the
/// rest its tables and supplementary sheets need. <see cref="SampleData.Source"/> is the fictional
/// sample; <see cref="Reference000Data.Source"/> is reference 000 reconstructed.
/// </summary>
/// <param name="Personnel">公开06表's 人员经费 items (301, 303), in the order the table lists them.</param>
/// <param name="Public">公开06表's 公用经费 items (302, 310 …); their sum is 公用经费合计.</param>
/// <param name="ThreePublicBudget">公开09表 预算数: 因公出国(境)费, 公务用车购置费, 公务用车运行费, 公务接待费.</param>
/// <param name="ProjectClass">The economic class under which an item's 一般公共预算 项目支出 is reported (Sichuan's 明细表).</param>
/// <param name="Supplements">What the department types into each supplementary sheet.</param>
/// <param name="Notes">Sheets written after the supplementary ones (the reconstruction's 说明).</param>
internal sealed record SampleDepartment(
    string Department, int Year,
    IReadOnlyList<(string Code, string Name)> Categories, IReadOnlyList<(string Code, string Name)> Sections, IReadOnlyList<Item> Items,
    decimal OpeningGeneral, decimal OpeningFund, decimal OpeningOwn,
    IReadOnlyList<string> AllCategoryNames,
    IReadOnlyList<(string Code, string Name, decimal Amount)> Personnel, IReadOnlyList<(string Code, string Name, decimal Amount)> Public,
    decimal[] ThreePublicBudget, decimal[] ThreePublicActual,
    Func<Item, (string Code, string Name)> ProjectClass,
    Func<SheetSpec, SampleSupplements.Values> Supplements,
    Func<IEnumerable<SheetContent>> Notes);
