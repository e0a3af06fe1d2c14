using System.Text;
using FinalAccounts.Input;

namespace FinalAccounts.Tests;

// Hand-made parts at the edges of XML and SpreadsheetML, each read the same scanned as by XmlReader alone.
public partial class PartScannerTests
{
    private const string H = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static string W(string sheetData, string rootAttrs = "") => $"<worksheet xmlns=\"{Main}\"{rootAttrs}><sheetData>{sheetData}</sheetData></worksheet>";
    private static string Sst(string body) => $"<sst xmlns=\"{Main}\">{body}</sst>";
    private static string UseStrings(int n) => W("<row r=\"1\">" + string.Concat(Enumerable.Range(0, n).Select(i => $"<c r=\"{(char)('A' + i)}1\" t=\"s\"><v>{i}</v></c>")) + "</row>");

    /// <summary>One-sheet workbooks whose worksheet (S) or shared strings (SS, used by A1, B1, …) hold odd markup, by name.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> OddMarkup()
    {
        (string, byte[]) S(string name, string sheet) => (name, Package(sheet));
        (string, byte[]) SS(string name, string sst, int n = 3) => (name, Package(UseStrings(n), sst));
        var x = $"xmlns:x=\"{Main}\"";
        yield return S("root is c", $"<c xmlns=\"{Main}\" r=\"A1\"><v>5</v></c>");
        yield return S("root is row hidden", $"<row xmlns=\"{Main}\" r=\"3\" hidden=\"1\"><c r=\"A3\"><v>5</v></c></row>");
        yield return S("root is mergeCell", $"<mergeCell xmlns=\"{Main}\" ref=\"A1:B2\"/>");
        yield return S("root is row r=0", $"<row xmlns=\"{Main}\" r=\"0\"/>");
        yield return SS("sst root is si", $"<si xmlns=\"{Main}\"><t>a</t></si>", 1);
        yield return S("xmlns:a bound to xml ns", W("<row r=\"1\" xmlns:a=\"http://www.w3.org/XML/1998/namespace\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("xmlns default bound to xml ns", W("<row r=\"1\"><o xmlns=\"http://www.w3.org/XML/1998/namespace\"/><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("xmlns:a bound to xmlns ns", W("<row r=\"1\" xmlns:a=\"http://www.w3.org/2000/xmlns/\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("xmlns default bound to xmlns ns", W("<row r=\"1\"><o xmlns=\"http://www.w3.org/2000/xmlns/\"/><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("xmlns:xml correct", W("<row r=\"1\" xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("decl mismatched quotes version", "<?xml version='1.0\"?>" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("decl mismatched quotes encoding", "<?xml version=\"1.0\" encoding='UTF-8\"?>" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("decl mismatched quotes standalone", "<?xml version=\"1.0\" standalone=\"yes'?>" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("decl single quotes", "<?xml version='1.0' encoding='utf-8' standalone='no' ?>" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("decl tab newline", "<?xml\tversion=\"1.0\"\nencoding=\"UTF-8\"\t?>" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("decl no space", "<?xml version=\"1.0\"encoding=\"UTF-8\"?>" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("decl after space", " <?xml version=\"1.0\"?>" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("decl after comment", "<!--c--><?xml version=\"1.0\"?>" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("bom after decl", H + "\uFEFF" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("two boms", "\uFEFF\uFEFF" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("bom inside text", "\uFEFF" + W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>\uFEFFa</v></c></row>"));
        yield return S("pi xml-stylesheet", "<?xml-stylesheet href=\"a\"?>" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("pi XmL", "<?XmL x?>" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("pi no space", W("<row r=\"1\"><c r=\"A1\"><v>1<?pi?>2</v></c></row>"));
        yield return S("comment ->", W("<row r=\"1\"><c r=\"A1\"><v>1<!--->x-->2</v></c></row>"));
        yield return S("comment -->-->", W("<row r=\"1\"><c r=\"A1\"><v>1<!-->-->2</v></c></row>"));
        yield return S("comment empty", W("<row r=\"1\"><c r=\"A1\"><v>1<!---->2</v></c></row>"));
        yield return S("comment ---", W("<row r=\"1\"><c r=\"A1\"><v>1<!-- a --->2</v></c></row>"));
        yield return S("comment <!--->", W("<row r=\"1\"><c r=\"A1\"><v>1<!--->2</v></c></row>"));
        yield return S("xmlns undeclare default", W("<row r=\"1\"><c r=\"A1\" xmlns=\"\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row>"));
        yield return S("prefix rebound to other", $"<x:worksheet {x}><x:sheetData xmlns:x=\"urn:o\"><x:row r=\"1\"><x:c r=\"A1\"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>");
        yield return S("prefix rebound to main deeper", $"<x:worksheet {x}><o:a xmlns:o=\"urn:o\" xmlns:x=\"urn:q\"><x:c r=\"A1\"><x:v>9</x:v></x:c><q:b xmlns:q=\"urn:q\" {x}><x:c r=\"B1\"><x:v>2</x:v></x:c></q:b><x:c r=\"C1\"><x:v>3</x:v></x:c></o:a><x:sheetData><x:row r=\"1\"><x:c r=\"D1\"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>");
        yield return S("default rebound inside foreign", W("<row r=\"1\"><o xmlns=\"urn:o\"><c r=\"A1\"><v>1</v></c><m xmlns=\"" + Main + "\"><c r=\"B1\"><v>2</v></c></m></o></row>"));
        yield return S("empty element with binding", W("<row r=\"1\"><o:e xmlns:o=\"urn:o\"/><o:c r=\"A1\"/></row>"));
        yield return S("empty element binding main then use", W($"<row r=\"1\"><x:c {x} r=\"A1\"/><x:c r=\"B1\"/></row>"));
        yield return S("attr prefixes same ns", W("<row r=\"1\" xmlns:a=\"urn:a\" xmlns:b=\"urn:a\" a:z=\"1\" b:z=\"2\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("attr x:r main", W($"<row r=\"1\" {x}><c x:r=\"B1\" r=\"A1\"><v>1</v></c></row>"));
        yield return S("attr r via ref", W("<row r=\"&#49;\"><c r=\"&#x41;1\" t=\"&#115;\"><v>0</v></c></row>"));
        yield return S("attr ref to tab", W("<row r=\"1\"><c r=\"A1\" t=\"inline&#9;Str\"><v>1</v></c></row>"));
        yield return S("attr ref to newline in ht", W("<row r=\"1\" customHeight=\"1\" ht=\"&#10;0\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("attr ref to CR", W("<row r=\"1\" customHeight=\"1\" ht=\"0&#13;\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("attr with gt and ]]>", W("<row r=\"1\" spans=\"a]]>b\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("attr lt via ref", W("<row r=\"1\" spans=\"&lt;\"><c r=\"A1\"><v>1</v></c></row>"));
        var zeros = new string('0', 40000);
        yield return S("long attr with ref", W($"<row r=\"{zeros}&#53;\"><c><v>1</v></c></row>"));
        yield return S("long ht with ref", W($"<row r=\"2\" customHeight=\"1\" ht=\"0.{zeros}&#53;\"><c><v>1</v></c></row>"));
        yield return S("long merge ref", W($"<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>") .Replace("</worksheet>", $"<mergeCells><mergeCell ref=\"A1:B{zeros}&#50;\"/></mergeCells></worksheet>"));
        yield return S("text ref to space", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>&#32;&#9;&#10;&#13;</v></c></row>"));
        yield return S("whitespace only v", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v> \n\t </v></c><c r=\"B1\"><v> 1 </v></c></row>"));
        yield return S("xml:space preserve whitespace", W("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">  </t></is></c></row>"));
        yield return S("surrogate ref", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>&#x1F600;&#128512;\U0001F600</v></c></row>"));
        yield return S("lone surrogate ref", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>&#xD800;</v></c></row>"));
        yield return S("ref FFFE", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>&#xFFFE;</v></c></row>"));
        yield return S("ref 10FFFF", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>&#x10FFFF;</v></c></row>"));
        yield return S("ref X upper", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>&#X41;</v></c></row>"));
        yield return S("ref leading zeros", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>&#00065;&#x0041;</v></c></row>"));
        yield return S("ref very long zeros", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>&#x00000000041;</v></c></row>"));
        yield return S("C1 control and DEL", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>a\u007F\u0085\u2028b</v></c></row>"));
        yield return S("]]> split by ref", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>]]&gt;]&#93;></v></c></row>"));
        yield return S("]] comment >", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>]]<!---->></v></c></row>"));
        yield return S("]]> raw", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>]]></v></c></row>"));
        yield return S("]]> raw outside cell", W("<row r=\"1\">]]><c r=\"A1\" t=\"str\"><v>1</v></c></row>"));
        yield return S("gt in text", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>a>b</v></c></row>"));
        yield return S("names digits dots dashes", W("<row r=\"1\"><c.x/><c-1 a.b=\"1\" a-b=\"2\" _c=\"3\"/><c r=\"A1\"><v-1>9</v-1><v>1</v></c></row>"));
        yield return S("end tag whitespace", W("<row r=\"1\"><c r=\"A1\"><v>1</v\n ></c\t></row >"));
        yield return S("attr spaces around =", W("<row r\n=\n'1'><c r = \"A1\"><v>1</v></c></row>"));
        yield return S("nested v in v", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>1<v>2</v>3</v></c></row>"));
        yield return S("two v", W("<row r=\"1\"><c r=\"A1\"><v>1</v><v>2</v></c></row>"));
        yield return S("v then empty v", W("<row r=\"1\"><c r=\"A1\"><v>1</v><v/></c></row>"));
        yield return S("v inside is", W("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><v>1</v><t>a</t></is></c></row>"));
        yield return S("is inside v", W("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><v>x<is><t>a</t></is>y</v></c></row>"));
        yield return S("is in str cell", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><is><t>a</t></is><v>b</v></c></row>"));
        yield return S("two is", W("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is><is><t>b</t></is></c></row>"));
        yield return S("nested t", W("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a<t>b</t>c</t><t/><t></t></is></c></row>"));
        yield return S("rPh in t", W("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a<rPh><t>b</t></rPh>c</t></is></c></row>"));
        yield return S("rPh at cell level", W("<row r=\"1\"><c r=\"A1\"><rPh><v>7</v></rPh></c></row>"));
        yield return S("f inside is", W("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><f><t>a</t></f></is></c></row>"));
        yield return S("is inside f", W("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><f><is><t>a</t></is></f></c></row>"));
        yield return S("is at top level", W("<row r=\"1\"><is><t>a</t><c r=\"A1\"><v>1</v></c></is></row>"));
        yield return S("nested is", W("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><r><is><t>a</t></is></r><t>b</t></is></c></row>"));
        yield return S("row in c", W("<row r=\"1\"><c r=\"A1\"><row r=\"5\" hidden=\"1\"/><c r=\"B1\"><v>2</v></c><mergeCell ref=\"A1:A2\"/><v>1</v></c></row>"));
        yield return S("unknown type c with children", W("<row r=\"1\"><c r=\"A1\" t=\"zz\"><row r=\"5\" hidden=\"1\"/><c r=\"B5\"><v>2</v></c></c></row>"));
        yield return S("text directly in is and c", W("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\">x<is>y<t>a</t>z</is>w</c></row>"));
        yield return S("foreign element in v", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>1<o:x xmlns:o=\"urn:o\">2</o:x>3</v></c></row>"));
        yield return S("foreign holding main", W("<row r=\"1\"><mc:AlternateContent xmlns:mc=\"urn:mc\"><mc:Choice><c r=\"A1\"><v>1</v></c></mc:Choice></mc:AlternateContent></row>"));
        yield return S("xmlns as element name", W("<row r=\"1\"><xmlns/><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("xmlns prefix element", W("<row r=\"1\"><xmlns:a/><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("xml prefix element", W("<row r=\"1\"><xml:a/><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("attr named xml", W("<row r=\"1\" xml=\"1\" xmlfoo=\"2\" xmlnsfoo=\"3\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("xml:lang", W("<row r=\"1\" xml:lang=\"zh\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("xml:space default", W("<row r=\"1\" xml:space=\"default\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("attr dup via ns and plain", W($"<row r=\"1\" {x} x:r=\"2\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("xmlns:a and a:x order", W("<row r=\"1\" a:x=\"1\" xmlns:a=\"urn:a\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("xmlns with ref", W("<row r=\"1\"><o xmlns=\"urn:&#97;\"/><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("33 attrs", W("<row r=\"1\"" + string.Concat(Enumerable.Range(0, 33).Select(i => $" a{i}=\"1\"")) + "><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("32 attrs", W("<row r=\"1\"" + string.Concat(Enumerable.Range(0, 31).Select(i => $" a{i}=\"1\"")) + "><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("deep 300", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>" + string.Concat(Enumerable.Repeat("<o>", 300)) + "x" + string.Concat(Enumerable.Repeat("</o>", 300)) + "</v></c></row>"));
        yield return S("deep 250", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>" + string.Concat(Enumerable.Repeat("<o>", 250)) + "x" + string.Concat(Enumerable.Repeat("</o>", 250)) + "</v></c></row>"));
        var big = new string('a', 32766);
        yield return S("cap surrogate", W($"<row r=\"1\"><c r=\"A1\" t=\"str\"><v>{big}\U0001F600\U0001F600</v></c></row>"));
        yield return S("cap surrogate ref", W($"<row r=\"1\"><c r=\"A1\" t=\"str\"><v>{big}&#x1F600;&#x1F600;</v></c></row>"));
        yield return S("cap exactly", W($"<row r=\"1\"><c r=\"A1\" t=\"str\"><v>{big}a</v></c><c r=\"B1\" t=\"str\"><v>{big}ab</v></c></row>"));
        yield return S("cap entity", W($"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{big}</t><t>&amp;&lt;x</t></is></c></row>"));
        yield return S("cap utf8 chunks", W($"<row r=\"1\"><c r=\"A1\" t=\"str\"><v>{new string('中', 40000)}</v></c></row>"));
        yield return SS("cap shared", Sst($"<si><t>{big}</t><t>\U0001F600b</t></si>"), 1);
        yield return S("empty vs selfclosing", W("<row r=\"1\"><c r=\"A1\"></c><c r=\"B1\"><v></v></c><c r=\"C1\" t=\"inlineStr\"><is></is></c><c r=\"D1\"><f></f></c><c r=\"E1\"><f/><v></v></c></row>"));
        yield return S("text outside root", W("<row r=\"1\"/>") + "x");
        yield return S("comment pi after root", W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>") + "<!--a--><?p q?>\n");
        yield return S("xml decl only ws root", H + "\n\t " + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("bom decl", "\uFEFF" + H + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("decl version 1.1", "<?xml version=\"1.1\"?>" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("decl encoding utf8 lower", "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("decl only version ws", "<?xml version=\"1.0\" ?>" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("decl empty", "<?xml ?>" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("pi with non-ascii content", W("<row r=\"1\"><?p 中?><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("pi target dots", W("<row r=\"1\"><?p.q-1 x?><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("pi target starting xml", W("<row r=\"1\"><?xmlfoo x?><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("mergeCell with refs", W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>").Replace("</worksheet>", "<mergeCells><mergeCell ref=\"A1&#58;B2\"/></mergeCells></worksheet>"));
        yield return S("row no r", W("<row><c><v>1</v></c></row><row hidden=\"true\"><c/></row>"));
        yield return S("prefix root attr on root", $"<x:worksheet {x} x:foo=\"1\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>");
        yield return S("default ns root via prefix then unprefixed", $"<x:worksheet {x}><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData><x:sheetData><x:row r=\"2\"><x:c r=\"A2\"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>");
        yield return S("attr value quote other", W("<row r=\"1\"><c r='A1' t=\"str\" s='\"'><v>1</v></c></row>"));
        yield return S("slash space gt", W("<row r=\"1\"><c r=\"A1\"/ ></row>"));
        yield return S("name ends colon", W("<row r=\"1\"><c: r=\"A1\"/></row>"));
        yield return S("nbsp in name", W("<row r=\"1\"><c\u00A0r=\"A1\"/></row>"));
        yield return S("nbsp in attr space", W("<row r=\"1\"><c r=\"A1\"\u00A0/></row>"));
        yield return SS("sst si nested", Sst("<si><t>a</t><si><t>b</t></si></si><si><rPh><t>x</t></rPh><t>c</t></si><si><r><t>d</t></r><r><t/></r></si>"));
        yield return SS("sst si in t", Sst("<si><t>a<si><t>b</t></si></t></si><si><t>c</t></si><t>z</t><si/>"));
        yield return SS("sst root prefixed other ns", "<sst xmlns=\"urn:other\"><si><t>a</t></si></sst>", 1);
        yield return SS("sst xmlns:a xml ns", Sst("<si xmlns:a=\"http://www.w3.org/XML/1998/namespace\"><t>a</t></si>"), 1);
        yield return SS("sst decl mismatch", "<?xml version=\"1.0' ?>" + Sst("<si><t>a</t></si>"), 1);
        yield return SS("sst v in si", Sst("<si><v>a</v><t>b</t></si>"), 1);
        yield return SS("sst t in rPh in t", Sst("<si><t>a<rPh><t>b</t></rPh></t></si>"), 1);
        yield return S("c in sst-root sheet", $"<sst xmlns=\"{Main}\"><c r=\"A1\"><v>1</v></c></sst>");
        yield return S("zero-length part", "");
        yield return S("only decl", H);
        yield return S("root unclosed after cells", W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>").Replace("</worksheet>", ""));
        yield return S("row r=0 then malformed", W("<row r=\"0\"><c r=\"A1\"><v>1</v></c></row>").Replace("</worksheet>", "<"));
        yield return S("v text with lone &", W("<row r=\"1\"><c r=\"A1\"><v>1 & 2</v></c></row>"));
        yield return S("ref with space", W("<row r=\"1\"><c r=\"A1\"><v>&#65 ;</v></c></row>"));
        yield return S("ref plus", W("<row r=\"1\"><c r=\"A1\"><v>&#x+41;</v></c></row>"));
        yield return S("ref to zero", W("<row r=\"1\"><c r=\"A1\"><v>&#0;</v></c></row>"));
        yield return S("entity in root end", W("<row r=\"1\"/>") + "&amp;");
        yield return S("]] via char refs", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>&#93;&#93;>]]&#62;</v></c></row>"));
        yield return S("NEL LS in attr", W("<row r=\"1\" customHeight=\"1\" ht=\"0\u0085\"><c r=\"A1\" t=\"str\" s=\"\u2028\"><v>1</v></c></row>"));
        yield return S("noncharacter 1FFFE raw and ref", W("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>\U0001FFFE&#x1FFFE;&#xFDD0;\uFDD0</v></c></row>"));
        yield return S("decl encoding Utf-8", "<?xml version=\"1.0\" encoding=\"Utf-8\"?>" + W("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
        foreach (var n in new[] { 8190, 8191, 8192, 4095, 4096, 16383 })
        {
            var a = new string('a', n);
            yield return S($"chunk {n} raw surrogate", W($"<row r=\"1\"><c r=\"A1\" t=\"str\"><v>{a}\U0001F600b</v></c></row>"));
            yield return S($"chunk {n} ref surrogate", W($"<row r=\"1\"><c r=\"A1\" t=\"str\"><v>{a}&#x1F600;b</v></c></row>"));
            yield return S($"chunk {n} entity", W($"<row r=\"1\"><c r=\"A1\" t=\"str\"><v>{a}&amp;&lt;b</v></c></row>"));
            yield return S($"chunk {n} ]]>", W($"<row r=\"1\"><c r=\"A1\" t=\"str\"><v>{a}]]&gt;b</v></c></row>"));
            yield return S($"chunk {n} newline", W($"<row r=\"1\"><c r=\"A1\" t=\"str\"><v>{a}\n\nb</v></c></row>"));
            yield return S($"chunk {n} ws only", W($"<row r=\"1\"><c r=\"A1\" t=\"str\"><v>{new string(' ', n)}\n\t </v></c></row>"));
            yield return S($"chunk {n} cn", W($"<row r=\"1\"><c r=\"A1\" t=\"str\"><v>{new string('中', n)}b</v></c></row>"));
        }
        yield return S("xmlns xml ns with spaces", W("<row r=\"1\" xmlns:a=\" http://www.w3.org/XML/1998/namespace\"><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("xml:space on root", $"<worksheet xmlns=\"{Main}\" xml:space=\"preserve\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"str\"><v> </v></c></row></sheetData></worksheet>");
        yield return S("prefix xmlfoo declared", W("<row r=\"1\" xmlns:xmlfoo=\"urn:f\" xmlfoo:a=\"1\"><xmlfoo:e/><c r=\"A1\"><v>1</v></c></row>"));
        yield return S("cdata-like in attr", W("<row r=\"1\" a=\"<![CDATA[x]]>\"/>"));
    }

    [Fact]
    public void OddMarkupReadsTheSameEitherWay()
    {
        // Namespace scoping, declarations, references, nesting, caps and chunk boundaries: each part reads the same
        // scanned as with XmlReader alone (the scan may decline any of them).
        var differences = new StringBuilder();
        foreach (var (name, bytes) in OddMarkup())
        {
            var expected = Outcome(bytes, PartReading.XmlReaderOnly);
            var product = Outcome(bytes, PartReading.ScanElseXmlReader);
            if (expected != product)
                differences.AppendLine($"{name}\n  XmlReader: {Shorten(expected)}\n  product:   {Shorten(product)}");
        }
        Assert.True(differences.Length == 0, differences.ToString());
    }

    [Theory]
    [InlineData("root is c")]
    [InlineData("root is row hidden")]
    [InlineData("root is mergeCell")]
    [InlineData("root is row r=0")]
    [InlineData("sst root is si")]
    [InlineData("xmlns:a bound to xml ns")]
    [InlineData("xmlns default bound to xml ns")]
    [InlineData("xmlns:a bound to xmlns ns")]
    [InlineData("xmlns default bound to xmlns ns")]
    [InlineData("sst xmlns:a xml ns")]
    [InlineData("decl mismatched quotes version")]
    [InlineData("decl mismatched quotes encoding")]
    [InlineData("decl mismatched quotes standalone")]
    [InlineData("sst decl mismatch")]
    [InlineData("long attr with ref")]
    [InlineData("long merge ref")]
    public void WhatTheScanOnceReadDifferentlyIsDeclined(string what)
    {
        // Each was scanned and read otherwise than by XmlReader: a root the XmlReader pass steps past (read as a
        // row, cell, merged range or shared string), the xml or xmlns namespace bound to another prefix, an XML
        // declaration whose quotes do not match, an attribute value with a reference cut at a cell's limit.
        var bytes = OddMarkup().Single(c => c.Name == what).Bytes;

        Assert.True(Outcome(bytes, PartReading.ScanOnly).StartsWith("declined", StringComparison.Ordinal), $"{what} was scanned");
        Assert.Equal(Outcome(bytes, PartReading.XmlReaderOnly), Outcome(bytes, PartReading.ScanElseXmlReader));
    }

    private static string Shorten(string s) => string.Concat((s.Length > 300 ? s[..150] + "…" + s[^150..] : s).Replace("\n", " | ")
        .Select(ch => char.IsSurrogate(ch) ? $"\\u{(int)ch:X4}" : ch.ToString()));
}
