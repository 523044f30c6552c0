using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace CommsPlan.Core.Reports.Excel;

/// <summary>
/// Writes SpreadsheetML rows as UTF-8 straight into a buffer: the markup of a row is fixed, so it is written from
/// pre-encoded pieces, numbers are formatted in place and only user text is escaped. An <see cref="System.Xml.XmlWriter"/>
/// checked every element, attribute and namespace of every cell, which made the writing of a large sheet cost more than
/// reading its rows (docs/decisions/0009-streamed-sheet-stays-hand-written.md).
/// </summary>
/// <remarks>
/// Cells are what <see cref="StreamedSheet{T}.Columns"/> gives: null (the styled empty cell), a string (an inline
/// string, always literal text: "=HYPERLINK(…)" or "+1" never becomes a formula or a number), DateOnly and DateTime
/// (Excel serial dates), or a number (written as <see cref="IFormattable.ToString(string?, IFormatProvider?)"/> with the
/// invariant culture).
/// </remarks>
internal sealed class SheetRowWriter : IDisposable
{
    private const int BufferSize = 1 << 16;
    private const int FlushAt = BufferSize - 4096;
    private const int TextChunk = 4096;

    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    /// <summary>What text cannot be copied as is: the three markup characters, and what XML 1.0 cannot carry.</summary>
    private static readonly SearchValues<char> Special = SearchValues.Create(
    [
        .. Controls,
        '&', '<', '>',
        .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c),
        '\uFFFE', '\uFFFF',
    ]);

    /// <summary>The same within ASCII: all that text without surrogates or U+FFFE/U+FFFF needs, and far quicker to search.</summary>
    private static readonly SearchValues<char> AsciiSpecial = SearchValues.Create([.. Controls, '&', '<', '>']);

    private static IEnumerable<char> Controls => Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c);

    private readonly Stream _output;
    private readonly byte[][] _cellStart;
    private readonly byte[][] _cellStyle;
    private readonly byte[] _rowStart;
    private readonly byte[] _rowEnd;
    private readonly byte[] _stringStart;
    private readonly byte[] _stringEnd;
    private readonly byte[] _numberStart;
    private readonly byte[] _numberEnd;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _used;

    /// <param name="prefix">The prefix of the SpreadsheetML namespace in the part, with its colon ("x:"), or "".</param>
    /// <param name="styles">The style index of each column's cells (null: none).</param>
    public SheetRowWriter(Stream output, string prefix, IReadOnlyList<string?> styles)
    {
        _output = output;
        _cellStart = [.. Enumerable.Range(1, styles.Count).Select(c => Utf8($"<{prefix}c r=\"{StreamingSheetWriter.ColumnName(c)}"))];
        _cellStyle = [.. styles.Select(s => Utf8(s is null ? "\"" : $"\" s=\"{s}\""))];
        _rowStart = Utf8($"<{prefix}row r=\"");
        _rowEnd = Utf8($"</{prefix}row>");
        _stringStart = Utf8($" t=\"inlineStr\"><{prefix}is><{prefix}t xml:space=\"preserve\">");
        _stringEnd = Utf8($"</{prefix}t></{prefix}is></{prefix}c>");
        _numberStart = Utf8($"><{prefix}v>");
        _numberEnd = Utf8($"</{prefix}v></{prefix}c>");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            Flush();
            if (bytes.Length > _buffer.Length)
            {
                _output.Write(bytes);
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    /// <param name="height">An explicit height in points, or null for the sheet's default.</param>
    /// <param name="values">One value per column.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteRow(int number, double? height, ReadOnlySpan<object?> values)
    {
        Span<byte> reference = stackalloc byte[11];
        number.TryFormat(reference, out var length, default, CultureInfo.InvariantCulture);
        reference = reference[..length];

        WriteRaw(_rowStart);
        WriteRaw(reference);
        if (height is { } points)
        {
            WriteRaw("\" ht=\""u8);
            WriteFormatted(points, "0.##");
            WriteRaw("\" customHeight=\"1\">"u8);
        }
        else
        {
            WriteRaw("\">"u8);
        }
        for (var i = 0; i < values.Length; i++)
        {
            WriteRaw(_cellStart[i]);
            WriteRaw(reference);
            WriteRaw(_cellStyle[i]);
            WriteValue(values[i]);
        }
        WriteRaw(_rowEnd);
        if (_used > FlushAt) Flush();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteValue(object? value)
    {
        switch (value)
        {
            case null:
                WriteRaw(" />"u8);
                return;
            case string text:
                WriteRaw(_stringStart);
                WriteText(text);
                WriteRaw(_stringEnd);
                return;
            case DateOnly date:
                WriteNumber(date.DayNumber - ExcelEpoch.DayNumber, null);
                return;
            case DateTime time:
                WriteNumber(time.ToOADate(), "R");
                return;
            case IFormattable number:
                WriteNumber(number, null);
                return;
            default:
                throw new ArgumentException($"Unsupported cell value of type {value.GetType().Name}.", nameof(value));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteNumber<TNumber>(TNumber number, string? format) where TNumber : IFormattable
    {
        WriteRaw(_numberStart);
        WriteFormatted(number, format);
        WriteRaw(_numberEnd);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteFormatted<TValue>(TValue value, string? format) where TValue : IFormattable
    {
        Ensure(64);
        if (value is IUtf8SpanFormattable utf8 && utf8.TryFormat(_buffer.AsSpan(_used), out var written, format, CultureInfo.InvariantCulture))
        {
            _used += written;
            return;
        }
        WriteUtf8(value.ToString(format, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Text content: &amp;, &lt; and &gt; escaped, characters XML 1.0 cannot carry (a user's pasted control characters,
    /// a lone surrogate) left out, a surrogate pair (an emoji) kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteText(string text)
    {
        var rest = text.AsSpan();
        // An emoji (a surrogate pair) is rare in a title: only such text pays for the search beyond ASCII.
        var special = rest.IndexOfAnyInRange('\uD800', '\uDFFF') < 0 && rest.IndexOfAnyInRange('\uFFFE', '\uFFFF') < 0
            ? AsciiSpecial
            : Special;
        while (!rest.IsEmpty)
        {
            var stop = rest.IndexOfAny(special);
            if (stop < 0)
            {
                WriteUtf8(rest);
                return;
            }
            WriteUtf8(rest[..stop]);
            var taken = 1;
            switch (rest[stop])
            {
                case '&':
                    WriteRaw("&amp;"u8);
                    break;
                case '<':
                    WriteRaw("&lt;"u8);
                    break;
                case '>':
                    WriteRaw("&gt;"u8);
                    break;
                case var high when char.IsHighSurrogate(high) && stop + 1 < rest.Length && char.IsLowSurrogate(rest[stop + 1]):
                    WriteUtf8(rest.Slice(stop, 2));
                    taken = 2;
                    break;
            }
            rest = rest[(stop + taken)..];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteUtf8(ReadOnlySpan<char> chars)
    {
        while (!chars.IsEmpty)
        {
            var take = Math.Min(chars.Length, TextChunk);
            // Never cut a surrogate pair in two: its halves encode only together.
            if (take < chars.Length && char.IsHighSurrogate(chars[take - 1])) take--;
            Ensure(take * 3);
            _used += Encoding.UTF8.GetBytes(chars[..take], _buffer.AsSpan(_used));
            chars = chars[take..];
        }
    }

    private void Ensure(int bytes)
    {
        if (_buffer.Length - _used < bytes) Flush();
    }

    /// <summary>Writes what is buffered to the output: after the last row, and whenever the buffer is nearly full.</summary>
    public void Flush()
    {
        _output.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
