using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Text.Unicode;

namespace FinalAccounts.Input;

internal static partial class XlsxGridReader
{
    /// <summary>The byte scanner met something it does not read itself: the whole file is read again by the XmlReader pass.</summary>
    internal sealed class ScanDeclinedException(string reason) : Exception(reason);

    /// <summary>
    /// Reads a worksheet part's rows, cells and merged ranges, or the shared-strings part's strings, straight from its
    /// UTF-8 bytes, for the same <see cref="SheetCells"/> and shared-string list the XmlReader pass feeds. These parts
    /// are most of a workbook's XML, and an XmlReader per part — decoding every byte to UTF-16, hashing every name,
    /// building a node per tag — was a tenth of a report's time. The scanner checks as it goes that the part is
    /// well-formed XML (tags, attributes, references, characters, namespace prefixes in their scopes); whatever it does
    /// not read itself or finds wrong (a DOCTYPE, CDATA, a carriage return, an encoding other than UTF-8, a name
    /// outside ASCII, an xml: attribute other than xml:space, broken markup) it declines with
    /// <see cref="ScanDeclinedException"/>, and the file is read again from the start by the XmlReader pass, which
    /// decides as it always has (read, refuse, or hand over to ExcelDataReader).
    /// </summary>
    private sealed class PartScanner
    {
        /// <summary>Parts larger than this are not held in memory whole; the XmlReader pass streams them.</summary>
        public const int MaxPartBytes = 16 * 1024 * 1024;

        /// <summary>Real worksheets nest a handful of levels; deeper is left to the XmlReader pass.</summary>
        private const int MaxDepth = 256;

        private const int Cap = InputLimits.MaxCellChars + 1;

        private readonly byte[] _x;
        private readonly int _end;
        private readonly byte[] _main;
        // A worksheet's rows and cells go to _cells; a shared-strings part's strings to _sharedString (the other is null).
        private readonly SheetCells? _cells;
        private readonly Action<string, int>? _sharedString;
        private int _p;

        // The open elements' names (start and length in _x), innermost last.
        private readonly int[] _nameStart = new int[MaxDepth];
        private readonly int[] _nameLength = new int[MaxDepth];
        private int _depth;

        // Namespace declarations of the open elements, innermost last: the prefix (start and length in _x; length 0
        // for the default namespace), whether it names the main namespace, and the depth of the element declaring it.
        private readonly List<(int Start, int Length, bool IsMain, int Depth)> _bindings = new();

        // The current start tag's attributes: name (start, length, its colon's offset or -1) and value (start, length).
        private int _attributes;
        private readonly int[] _attrName = new int[32];
        private readonly int[] _attrNameLength = new int[32];
        private readonly int[] _attrColon = new int[32];
        private readonly int[] _attrValue = new int[32];
        private readonly int[] _attrValueLength = new int[32];

        // Where the cell being read stands: the depth of its c, of a v or t whose text is kept, of an f or rPh
        // whose content is passed over, of an is (inline string). -1 when not inside one. Kept text is the inline
        // string's when an is is open (only its t is kept there), else the v's.
        private int _cellDepth = -1;
        private int _keepDepth = -1;
        private int _skipDepth = -1;
        private int _inlineDepth = -1;
        private string? _value;
        private string? _inline;
        private bool _formula;
        private int _runs;
        private readonly StringBuilder _valueText = new();
        private readonly StringBuilder _inlineText = new();

        private PartScanner(byte[] bytes, int length, string mainNamespace, SheetCells? cells, Action<string, int>? sharedString)
        {
            _x = bytes;
            _end = length;
            _main = Encoding.UTF8.GetBytes(mainNamespace);
            _cells = cells;
            _sharedString = sharedString;
        }

        /// <summary>Reads a worksheet part into <paramref name="cells"/>, or throws <see cref="ScanDeclinedException"/>.</summary>
        public static void ReadWorksheet(ZipArchiveEntry part, string mainNamespace, SheetCells cells) =>
            Read(part, (bytes, length) => new PartScanner(bytes, length, mainNamespace, cells, null));

        /// <summary>Reads the shared-strings part, handing each si's text and count of runs to <paramref name="add"/>, or throws <see cref="ScanDeclinedException"/>.</summary>
        public static void ReadSharedStrings(ZipArchiveEntry part, string mainNamespace, Action<string, int> add) =>
            Read(part, (bytes, length) => new PartScanner(bytes, length, mainNamespace, null, add));

        /// <summary>Reads a worksheet already inflated (<see cref="Inflate"/>) into <paramref name="cells"/>, or throws <see cref="ScanDeclinedException"/>.</summary>
        public static void ScanWorksheet(byte[] bytes, int length, string mainNamespace, SheetCells cells) =>
            new PartScanner(bytes, length, mainNamespace, cells, null).Scan();

        /// <summary>The part's bytes in a buffer rented from the shared pool (the caller returns it), or throws <see cref="ScanDeclinedException"/>.</summary>
        public static (byte[] Buffer, int Length) Inflate(ZipArchiveEntry part)
        {
            if (part.Length > MaxPartBytes)
                throw new ScanDeclinedException($"{part.FullName} is {part.Length} bytes");
            var buffer = ArrayPool<byte>.Shared.Rent((int)part.Length + 1);
            try
            {
                return (buffer, ReadAll(part, buffer));
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }

        private static void Read(ZipArchiveEntry part, Func<byte[], int, PartScanner> scanner)
        {
            var (buffer, length) = Inflate(part);
            try
            {
                scanner(buffer, length).Scan();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>The part's bytes; declined when it holds more than its entry says or cannot be inflated (the XmlReader pass then meets it in order).</summary>
        private static int ReadAll(ZipArchiveEntry part, byte[] buffer)
        {
            try
            {
                using var stream = part.Open();
                var length = 0;
                int read;
                while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
                    length += read;
                if (length > part.Length)
                    throw new ScanDeclinedException($"{part.FullName} holds more than its entry says");
                return length;
            }
            catch (InvalidDataException ex)
            {
                throw new ScanDeclinedException(ex.Message);
            }
        }

        private static ScanDeclinedException Decline(string reason) => new(reason);

        private void Scan()
        {
            CheckCharacters();
            Prolog();
            var rootSeen = false;
            while (_p < _end)
            {
                if (_x[_p] != '<')
                {
                    Text(outsideRoot: _depth == 0);
                    continue;
                }
                if (_p + 1 >= _end)
                    throw Decline("markup cut short");
                switch (_x[_p + 1])
                {
                    case (byte)'/':
                        EndTag();
                        break;
                    case (byte)'?':
                        ProcessingInstruction();
                        break;
                    case (byte)'!':
                        Comment();
                        break;
                    default:
                        if (rootSeen && _depth == 0)
                            throw Decline("a second root element");
                        StartTag();
                        rootSeen = true;
                        break;
                }
            }
            if (!rootSeen || _depth != 0)
                throw Decline("the part ends inside an element");
        }

        /// <summary>
        /// Characters XML does not allow (controls, U+FFFE, U+FFFF, bytes that are not UTF-8) make the part not XML;
        /// a carriage return is allowed but changed by XML's line-end rule, which the scanner leaves to XmlReader.
        /// </summary>
        private void CheckCharacters()
        {
            var bytes = _x.AsSpan(0, _end);
            if (bytes.IndexOfAny(Forbidden) >= 0 || !Utf8.IsValid(bytes))
                throw Decline("a character the scanner does not read");
            if (bytes.IndexOf("\uFFFE"u8) >= 0 || bytes.IndexOf("\uFFFF"u8) >= 0)
                throw Decline("a non-character");
        }

        private static readonly SearchValues<byte> Forbidden = SearchValues.Create(
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

        /// <summary>An optional byte-order mark and XML declaration (version 1.0, UTF-8, standalone or not).</summary>
        private void Prolog()
        {
            if (StartsWith("\uFEFF"u8))
                _p += 3;
            if (StartsWith("<?xml"u8) && _p + 5 < _end && IsSpace(_x[_p + 5]))
            {
                var close = _x.AsSpan(_p, _end - _p).IndexOf("?>"u8);
                if (close < 0)
                    throw Decline("XML declaration not closed");
                var declaration = Encoding.ASCII.GetString(_x, _p + 5, close - 5).Trim();
                if (!IsUtf8Declaration(declaration))
                    throw Decline($"XML declaration '{declaration}'");
                _p += close + 2;
            }
        }

        private static bool IsUtf8Declaration(string declaration)
        {
            var parts = declaration.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
            // A value closes with the quote it opens with (version='1.0" is not XML); only then are quotes made alike.
            if (!parts.All(QuotedAlike))
                return false;
            parts = parts.Select(part => part.Replace('\'', '"')).ToArray();
            if (parts.Length == 0 || parts[0] != "version=\"1.0\"")
                return false;
            var rest = parts.Skip(1).ToList();
            if (rest.Count > 0 && rest[0].StartsWith("encoding=", StringComparison.Ordinal))
            {
                if (!string.Equals(rest[0], "encoding=\"UTF-8\"", StringComparison.OrdinalIgnoreCase))
                    return false;
                rest.RemoveAt(0);
            }
            if (rest.Count > 0 && rest[0] is "standalone=\"yes\"" or "standalone=\"no\"")
                rest.RemoveAt(0);
            return rest.Count == 0;
        }

        /// <summary>name="value" or name='value': one '=', the value in one kind of quote, which it does not hold.</summary>
        private static bool QuotedAlike(string part)
        {
            var equals = part.IndexOf('=');
            if (equals < 1 || part.Length < equals + 3)
                return false;
            var quote = part[equals + 1];
            return quote is '"' or '\'' && part[^1] == quote && part.IndexOfAny(['"', '\''], equals + 2) == part.Length - 1;
        }

        private bool StartsWith(ReadOnlySpan<byte> text) => _x.AsSpan(_p, _end - _p).StartsWith(text);

        private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n';

        private void SkipSpaces()
        {
            while (_p < _end && IsSpace(_x[_p]))
                _p++;
        }

        /// <summary>Character data up to the next tag: kept when a v or t is open, checked everywhere.</summary>
        private void Text(bool outsideRoot)
        {
            var length = _x.AsSpan(_p, _end - _p).IndexOf((byte)'<');
            var stop = length < 0 ? _end : _p + length;
            var text = _x.AsSpan(_p, stop - _p);
            if (outsideRoot)
            {
                if (text.IndexOfAnyExcept(" \t\n"u8) >= 0)
                    throw Decline("text outside the root element");
            }
            else if (text.IndexOf("]]>"u8) >= 0)
                throw Decline("']]>' in text");
            if (_keepDepth >= 0)
                Append(_p, stop, _inlineDepth >= 0 ? _inlineText : _valueText);   // a t of an inline string, else a v
            else if (text.IndexOf((byte)'&') >= 0)
                Append(_p, stop, null);   // only checks the references
            _p = stop;
        }

        /// <summary>Decodes bytes (with their references) onto <paramref name="text"/>, keeping at most a cell's limit and one more character.</summary>
        private void Append(int from, int to, StringBuilder? text)
        {
            Span<char> one = stackalloc char[2];
            while (from < to)
            {
                var amp = _x.AsSpan(from, to - from).IndexOf((byte)'&');
                var plainEnd = amp < 0 ? to : from + amp;
                if (text is not null && plainEnd > from && text.Length < Cap)
                    AppendUtf8(text, _x.AsSpan(from, plainEnd - from));
                if (amp < 0)
                    return;
                var (character, next) = Reference(plainEnd, to);
                if (text is not null && text.Length < Cap)
                {
                    var chars = new Rune(character).EncodeToUtf16(one);
                    text.Append(one[..Math.Min(chars, Cap - text.Length)]);
                }
                from = next;
            }
        }

        private readonly char[] _chars = new char[256];

        private void AppendUtf8(StringBuilder text, ReadOnlySpan<byte> bytes)
        {
            var room = Cap - text.Length;
            if (bytes.Length <= _chars.Length)
            {
                var chars = _chars.AsSpan();
                var count = Encoding.UTF8.GetChars(bytes, chars);
                text.Append(chars[..Math.Min(count, room)]);
                return;
            }
            var decoded = Encoding.UTF8.GetString(bytes);
            text.Append(decoded.AsSpan(0, Math.Min(decoded.Length, room)));
        }

        /// <summary>The character an entity or character reference at <paramref name="at"/> stands for, and where the text goes on.</summary>
        private (int Character, int Next) Reference(int at, int to)
        {
            var semicolon = _x.AsSpan(at, Math.Min(to - at, 12)).IndexOf((byte)';');
            if (semicolon < 2)
                throw Decline("a reference that does not end");
            var name = _x.AsSpan(at + 1, semicolon - 1);
            var next = at + semicolon + 1;
            var character = name switch
            {
                _ when name.SequenceEqual("lt"u8) => '<',
                _ when name.SequenceEqual("gt"u8) => '>',
                _ when name.SequenceEqual("amp"u8) => '&',
                _ when name.SequenceEqual("quot"u8) => '"',
                _ when name.SequenceEqual("apos"u8) => '\'',
                _ when name[0] == '#' => CharacterReference(name[1..]),
                _ => throw Decline("an entity the scanner does not know"),
            };
            return (character, next);
        }

        private static int CharacterReference(ReadOnlySpan<byte> digits)
        {
            var hex = digits.Length > 0 && digits[0] == 'x';
            if (hex)
                digits = digits[1..];
            if (digits.IsEmpty)
                throw Decline("an empty character reference");
            var value = 0L;
            foreach (var d in digits)
            {
                var digit = d is >= (byte)'0' and <= (byte)'9' ? d - '0'
                    : hex && d is >= (byte)'a' and <= (byte)'f' ? d - 'a' + 10
                    : hex && d is >= (byte)'A' and <= (byte)'F' ? d - 'A' + 10
                    : -1;
                if (digit < 0)
                    throw Decline("a character reference that is not a number");
                value = value * (hex ? 16 : 10) + digit;
                if (value > 0x10FFFF)
                    throw Decline("a reference past the last character");
            }
            // The characters XML 1.0 allows (a reference to any other is an error).
            if (value is 0x9 or 0xA or 0xD or >= 0x20 and <= 0xD7FF or >= 0xE000 and <= 0xFFFD or >= 0x10000 and <= 0x10FFFF)
                return (int)value;
            throw Decline("a reference to a character XML does not allow");
        }

        private void ProcessingInstruction()
        {
            _p += 2;
            var target = Name(out var colon);
            if (System.Text.Ascii.EqualsIgnoreCase(target, "xml"u8) || colon >= 0)
                throw Decline("a processing instruction named xml or with a colon");
            var close = _x.AsSpan(_p, _end - _p).IndexOf("?>"u8);
            if (close < 0 || close > 0 && !IsSpace(_x[_p]))
                throw Decline("a processing instruction not closed");
            _p += close + 2;
        }

        private void Comment()
        {
            if (!StartsWith("<!--"u8))
                throw Decline("a DOCTYPE, CDATA section or other declaration");
            _p += 4;
            var close = _x.AsSpan(_p, _end - _p).IndexOf("-->"u8);
            if (close < 0)
                throw Decline("a comment not closed");
            var content = _x.AsSpan(_p, close);
            if (content.IndexOf("--"u8) >= 0 || content.EndsWith("-"u8))
                throw Decline("'--' in a comment");
            _p += close + 3;
        }

        /// <summary>An XML name of ASCII letters, digits, '_', '-' and '.', with at most one colon inside.</summary>
        private ReadOnlySpan<byte> Name() => Name(out _);

        private ReadOnlySpan<byte> Name(out int colon)
        {
            var start = _p;
            colon = -1;
            while (_p < _end)
            {
                var kind = NameBytes[_x[_p]];
                if (kind == 0)
                    break;
                // A digit, '-' or '.' may not start a name or follow its colon; a colon may not start it or come twice.
                if (kind == Follows && (_p == start || _p == start + colon + 1) || kind == Colon && (colon >= 0 || _p == start))
                    throw Decline("a name the scanner does not read");
                if (kind == Colon)
                    colon = _p - start;
                _p++;
            }
            if (_p == start || colon == _p - start - 1)
                throw Decline("a missing or unfinished name");
            return _x.AsSpan(start, _p - start);
        }

        private const byte Starts = 1, Follows = 2, Colon = 3;

        /// <summary>For each byte: 0 when it ends a name, else whether it may start one, only follow, or is the colon.</summary>
        private static readonly byte[] NameBytes = MakeNameBytes();

        private static byte[] MakeNameBytes()
        {
            var table = new byte[256];
            for (var b = 'a'; b <= 'z'; b++)
                table[b] = Starts;
            for (var b = 'A'; b <= 'Z'; b++)
                table[b] = Starts;
            table['_'] = Starts;
            for (var b = '0'; b <= '9'; b++)
                table[b] = Follows;
            table['-'] = table['.'] = Follows;
            table[':'] = Colon;
            return table;
        }

        private void StartTag()
        {
            _p++;
            var nameStart = _p;
            var name = Name();
            _attributes = 0;
            while (true)
            {
                var spaced = _p < _end && IsSpace(_x[_p]);
                SkipSpaces();
                if (_p >= _end)
                    throw Decline("a tag cut short");
                if (_x[_p] == '>' || _x[_p] == '/')
                    break;
                if (!spaced)
                    throw Decline("attributes without space between them");
                Attribute();
            }
            var empty = _x[_p] == '/';
            if (empty && (_p + 1 >= _end || _x[_p + 1] != '>'))
                throw Decline("'/' not followed by '>'");
            _p += empty ? 2 : 1;

            if (_depth >= MaxDepth)
                throw Decline("elements nested too deep");
            var main = Namespaces(name);
            if (main && _depth == 0)
                Root(name[(name.IndexOf((byte)':') + 1)..]);
            else if (main)
                Element(name[(name.IndexOf((byte)':') + 1)..], empty);
            if (empty)
                DropBindings(_depth);
            else
            {
                _nameStart[_depth] = nameStart;
                _nameLength[_depth] = name.Length;
                _depth++;
            }
        }

        private void Attribute()
        {
            if (_attributes == _attrName.Length)
                throw Decline("too many attributes");
            var nameStart = _p;
            var name = Name(out var colon);
            SkipSpaces();
            if (_p >= _end || _x[_p] != '=')
                throw Decline("an attribute without '='");
            _p++;
            SkipSpaces();
            if (_p >= _end || _x[_p] is not ((byte)'"' or (byte)'\''))
                throw Decline("an attribute value without quotes");
            var quote = _x[_p++];
            var length = _x.AsSpan(_p, _end - _p).IndexOf(quote);
            if (length < 0)
                throw Decline("an attribute value not closed");
            var value = _x.AsSpan(_p, length);
            if (value.IndexOfAny(InValues) >= 0)
            {
                // XML turns a tab or line end in a value into a space; such values are left to XmlReader.
                if (value.IndexOfAny("<\t\n"u8) >= 0)
                    throw Decline("'<', a tab or a line end in an attribute value");
                Append(_p, _p + length, null);
            }
            for (var i = 0; i < _attributes; i++)
                if (_attrNameLength[i] == name.Length && Same(_attrName[i], name.Length, name)
                    || colon > 0 && _attrColon[i] > 0 && SameLocalName(i, name, colon))
                    throw Decline("an attribute given twice");
            _attrName[_attributes] = nameStart;
            _attrNameLength[_attributes] = name.Length;
            _attrColon[_attributes] = colon;
            _attrValue[_attributes] = _p;
            _attrValueLength[_attributes] = length;
            _attributes++;
            _p += length + 1;
        }

        private static readonly SearchValues<byte> InValues = SearchValues.Create("<\t\n&"u8);

        /// <summary>Two prefixed attributes with one local name could be one attribute (both prefixes naming one namespace): left to XmlReader.</summary>
        private bool SameLocalName(int i, ReadOnlySpan<byte> name, int colon) =>
            !name.StartsWith("xmlns:"u8)
            && _x.AsSpan(_attrName[i] + _attrColon[i] + 1, _attrNameLength[i] - _attrColon[i] - 1).SequenceEqual(name[(colon + 1)..]);

        private bool Same(int start, int length, ReadOnlySpan<byte> name) => _x.AsSpan(start, length).SequenceEqual(name);

        /// <summary>
        /// Takes the namespace declarations of the current start tag into scope and says whether its name is in the
        /// workbook's main namespace (the only one whose elements are read). Every prefix used must be declared (or be
        /// xml, for an attribute), and the root must be in the main namespace, as the XmlReader pass requires.
        /// </summary>
        private bool Namespaces(ReadOnlySpan<byte> name)
        {
            var reserved = false;   // an attribute starting "xml": a declaration or an xml: attribute
            for (var i = 0; i < _attributes; i++)
            {
                if (_attrNameLength[i] < 4 || _x[_attrName[i]] != 'x' || _x[_attrName[i] + 1] != 'm' || _x[_attrName[i] + 2] != 'l')
                    continue;
                reserved = true;
                var attribute = _x.AsSpan(_attrName[i], _attrNameLength[i]);
                var value = _x.AsSpan(_attrValue[i], _attrValueLength[i]);
                var declaration = attribute.SequenceEqual("xmlns"u8) || attribute.StartsWith("xmlns:"u8);
                if (declaration && value.IndexOf((byte)'&') >= 0)
                    throw Decline("a reference in a namespace declaration");
                // XmlReader refuses the xml and xmlns namespaces bound to any prefix but their own (and xmlns:xml is declined anyway).
                if (declaration && (value.SequenceEqual("http://www.w3.org/XML/1998/namespace"u8) || value.SequenceEqual("http://www.w3.org/2000/xmlns/"u8)))
                    throw Decline("the xml or xmlns namespace declared");
                if (attribute.SequenceEqual("xmlns"u8))
                    _bindings.Add((0, 0, value.SequenceEqual(_main), _depth));
                else if (attribute.StartsWith("xmlns:"u8))
                {
                    var prefix = attribute[6..];
                    if (value.IsEmpty || prefix.SequenceEqual("xml"u8) || prefix.SequenceEqual("xmlns"u8))
                        throw Decline("a reserved or empty namespace declaration");
                    _bindings.Add((_attrName[i] + 6, prefix.Length, value.SequenceEqual(_main), _depth));
                }
            }
            var main = InMain(name, element: true);
            if (_depth == 0 && !main)
                throw Decline("a root element outside the workbook's namespace");
            for (var i = 0; i < _attributes; i++)
            {
                if (_attrColon[i] < 0)
                    continue;
                var attribute = _x.AsSpan(_attrName[i], _attrNameLength[i]);
                // XmlReader holds xml:space to its two values; the scanner reads no other xml: attribute.
                if (reserved && attribute.StartsWith("xml:"u8)
                    && !(attribute.SequenceEqual("xml:space"u8) && _x.AsSpan(_attrValue[i], _attrValueLength[i]) is var space
                         && (space.SequenceEqual("preserve"u8) || space.SequenceEqual("default"u8))))
                    throw Decline("an xml: attribute the scanner does not read");
                if (!(reserved && attribute.StartsWith("xmlns:"u8)))
                    InMain(attribute, element: false);
            }
            return main;
        }

        /// <summary>Whether a name's prefix (or, for an element without one, the default namespace) names the main namespace.</summary>
        private bool InMain(ReadOnlySpan<byte> name, bool element)
        {
            var colon = name.IndexOf((byte)':');
            var prefix = colon < 0 ? default : name[..colon];
            if (colon == 3 && prefix.SequenceEqual("xml"u8))
                return !element ? false : throw Decline("the xml prefix on an element");
            if (colon == 5 && prefix.SequenceEqual("xmlns"u8))
                throw Decline("the xmlns prefix on an element");
            for (var i = _bindings.Count - 1; i >= 0; i--)
            {
                var (start, length, isMain, _) = _bindings[i];
                if (length == prefix.Length && (length == 0 || Same(start, length, prefix)))
                    return isMain;
            }
            if (colon > 0)
                throw Decline("a prefix that is not declared");
            return false;
        }

        private void DropBindings(int depth)
        {
            while (_bindings.Count > 0 && _bindings[^1].Depth >= depth)
                _bindings.RemoveAt(_bindings.Count - 1);
        }

        private void EndTag()
        {
            _p += 2;
            var name = Name();
            SkipSpaces();
            if (_p >= _end || _x[_p] != '>')
                throw Decline("an end tag not closed");
            _p++;
            if (_depth == 0 || !Same(_nameStart[_depth - 1], _nameLength[_depth - 1], name))
                throw Decline("an end tag that does not match");
            _depth--;
            DropBindings(_depth);
            ElementEnd(_depth);
        }

        private string? Value(ReadOnlySpan<byte> attribute)
        {
            for (var i = 0; i < _attributes; i++)
            {
                if (_attrNameLength[i] != attribute.Length || !Same(_attrName[i], attribute.Length, attribute))
                    continue;
                var value = _x.AsSpan(_attrValue[i], _attrValueLength[i]);
                if (value.IndexOf((byte)'&') < 0)
                    return Known(value) ?? Encoding.UTF8.GetString(value);
                var text = new StringBuilder();
                Append(_attrValue[i], _attrValue[i] + _attrValueLength[i], text);
                // Append keeps a cell's limit and one more character; XmlReader gives an attribute whole.
                if (text.Length >= Cap)
                    throw Decline("an attribute value longer than a cell's text");
                return text.ToString();
            }
            return null;
        }

        /// <summary>The cell types and flags every cell repeats, without a string made for each.</summary>
        private static string? Known(ReadOnlySpan<byte> value) => value.Length switch
        {
            1 when value[0] == 's' => "s",
            1 when value[0] == 'n' => "n",
            1 when value[0] == '1' => "1",
            1 when value[0] == '0' => "0",
            3 when value.SequenceEqual("str"u8) => "str",
            9 when value.SequenceEqual("inlineStr"u8) => "inlineStr",
            _ => null,
        };

        /// <summary>
        /// The XmlReader pass steps past the root element before it looks at one (ExpectRoot, then Read), so a root that
        /// is a row, cell, merged range or si is not read there; such a part is left to it.
        /// </summary>
        private void Root(ReadOnlySpan<byte> name)
        {
            if (_cells is null ? name.SequenceEqual("si"u8)
                : name.SequenceEqual("row"u8) || name.SequenceEqual("c"u8) || name.SequenceEqual("mergeCell"u8))
                throw Decline("a root element the XmlReader pass passes over");
        }

        // What the XmlReader pass does at each start tag of the main namespace (XlsxGridReader.ReadSheet, Cell,
        // SharedStrings and RichText), by local name; other namespaces' elements mean nothing to it, though what is
        // inside them is read.
        private void Element(ReadOnlySpan<byte> name, bool empty)
        {
            if (_keepDepth >= 0 || _skipDepth >= 0)
                return;
            if (_inlineDepth >= 0)
            {
                if (name.SequenceEqual("rPh"u8))
                    _skipDepth = empty ? -1 : _depth;
                else if (name.SequenceEqual("t"u8) && !empty)
                {
                    _runs++;
                    _keepDepth = _depth;
                }
                return;
            }
            if (_cells is null)
            {
                if (name.SequenceEqual("si"u8))
                    StartRichText(empty);
                return;
            }
            if (_cellDepth < 0)
            {
                if (name.SequenceEqual("row"u8))
                    _cells.Row(Value("r"u8), Value("hidden"u8), Value("customHeight"u8), Value("ht"u8));
                else if (name.SequenceEqual("c"u8))
                {
                    if (!_cells.StartCell(Value("r"u8), Value("t"u8), Value("s"u8)))
                        return;
                    (_value, _inline, _formula) = (null, null, false);
                    if (empty)
                        _cells.EndCell(null, false, null);
                    else
                        _cellDepth = _depth;
                }
                else if (name.SequenceEqual("mergeCell"u8))
                    _cells.Merge(Value("ref"u8));
                return;
            }
            if (name.SequenceEqual("v"u8))
            {
                _valueText.Clear();
                if (empty)
                    _value = "";
                else
                    _keepDepth = _depth;
            }
            else if (name.SequenceEqual("f"u8))
            {
                _formula = true;
                _skipDepth = empty ? -1 : _depth;
            }
            else if (name.SequenceEqual("is"u8))
                StartRichText(empty);
        }

        /// <summary>An si of the shared strings or an is of a cell: its t are kept, its rPh passed over, until it ends.</summary>
        private void StartRichText(bool empty)
        {
            _inlineText.Clear();
            _runs = 0;
            if (empty)
                RichTextDone();
            else
                _inlineDepth = _depth;
        }

        private void ElementEnd(int depth)
        {
            if (_skipDepth == depth)
                _skipDepth = -1;
            else if (_keepDepth == depth)
            {
                _keepDepth = -1;
                if (_inlineDepth < 0)
                    _value = _valueText.ToString();
            }
            else if (_inlineDepth == depth)
            {
                _inlineDepth = -1;
                RichTextDone();
            }
            else if (_cellDepth == depth)
            {
                _cellDepth = -1;
                _cells!.EndCell(_value, _formula, _inline);
            }
        }

        private void RichTextDone()
        {
            var text = Unescape(_inlineText.ToString());
            if (_cells is null)
                _sharedString!(text, _runs);
            else
            {
                _inline = text;
                _cells.Inline(text, _runs);
            }
        }
    }
}
