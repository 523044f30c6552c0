using System.Text;
using System.Xml;

namespace CommsPlan.Core.Activities.Import;

/// <summary>
/// The budgets of one workbook being read, shared by every part read from it: the XML bytes and the text kept so far,
/// and the cancellation of the preview. Every part goes through <see cref="Open"/>, so none is read outside the budgets.
/// </summary>
internal sealed class XmlBudget(ImportBudgets limits, CancellationToken ct)
{
    public ImportBudgets Limits { get; } = limits;
    public CancellationToken Token { get; } = ct;

    /// <summary>Bytes of XML read so far, every part together.</summary>
    public long XmlBytes { get; private set; }

    private long _textCharacters;

    /// <summary>
    /// A forward-only reader of one part, at most <paramref name="maxBytes"/> long (<paramref name="name"/> names it in
    /// the refusal), or bounded only by the file's total when null. No DTD (so no entity expansion), comments and
    /// instructions skipped.
    /// </summary>
    public BudgetedXmlReader Open(Stream part, long? maxBytes, string name)
    {
        var limit = maxBytes ?? Limits.MaxXmlBytes;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
            // The reader's own count, in characters; the stream below counts bytes against the same figure and, as no
            // character takes less than a byte, refuses first.
            MaxCharactersInDocument = limit,
            NameTable = new BoundedNameTable(Limits.MaxNamesPerPart, () => new ImportBudgetExceededException(Limits.NamesReason)),
        };
        return new BudgetedXmlReader(XmlReader.Create(new BudgetedStream(part, this, maxBytes, name), settings), this);
    }

    /// <summary>Counts <paramref name="bytes"/> more bytes against the total; the stream calls it on every read.</summary>
    public void CountBytes(int bytes)
    {
        XmlBytes += bytes;
        if (XmlBytes > Limits.MaxXmlBytes) throw new ImportBudgetExceededException(Limits.XmlReason);
    }

    /// <summary>Counts text about to be kept.</summary>
    public void CountText(int characters)
    {
        _textCharacters += characters;
        if (_textCharacters > Limits.MaxTextCharacters) throw new ImportBudgetExceededException(Limits.TextReason);
    }
}

/// <summary>
/// An <see cref="XmlReader"/> that refuses an element nested deeper than the budget as soon as it opens and stops when
/// the preview is cancelled, node by node; texts are read in chunks, so a long one is refused before it is held.
/// </summary>
internal sealed class BudgetedXmlReader(XmlReader xml, XmlBudget budget) : IDisposable
{
    private readonly char[] _chunk = new char[4096];

    public XmlReader Xml { get; } = xml;

    public bool Read()
    {
        budget.Token.ThrowIfCancellationRequested();
        if (!Xml.Read()) return false;
        if (Xml.NodeType == XmlNodeType.Element && Xml.Depth >= budget.Limits.MaxDepth)
            throw new ImportBudgetExceededException(budget.Limits.DepthReason);
        return true;
    }

    /// <summary>Reads to the end of the element the reader is on, under the same checks.</summary>
    public void SkipElement()
    {
        if (Xml.IsEmptyElement) return;
        var depth = Xml.Depth;
        while (Read() && !(Xml.NodeType == XmlNodeType.EndElement && Xml.Depth == depth))
        {
        }
    }

    /// <summary>Appends the value of the text node the reader is on to <paramref name="text"/>, within the text budgets.</summary>
    public void AppendText(StringBuilder text)
    {
        int read;
        while ((read = Xml.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
        {
            if (text.Length + read > budget.Limits.MaxTextLength) throw new ImportBudgetExceededException(budget.Limits.TextLengthReason);
            budget.CountText(read);
            text.Append(_chunk, 0, read);
        }
    }

    public void Dispose() => Xml.Dispose();
}

/// <summary>
/// A part's bytes as the XML reader pulls them: counted against the part's and the file's budgets, checked for runs
/// without a "&lt;" (a tag the reader would have to hold whole), and stopped when the preview is cancelled. Counting
/// bytes, not characters, needs no decoding; a character is never less than a byte, so the budgets hold for characters.
/// </summary>
internal sealed class BudgetedStream(Stream inner, XmlBudget budget, long? maxBytes, string name) : Stream
{
    private long _read;
    private long _sinceTag;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        budget.Token.ThrowIfCancellationRequested();
        var read = inner.Read(buffer);
        if (read == 0) return 0;
        _read += read;
        if (_read > maxBytes) throw new ImportBudgetExceededException(budget.Limits.PartReason(name, maxBytes.Value));
        budget.CountBytes(read);
        var chunk = buffer[..read];
        // '<' is one byte in UTF-8 and never part of another character's bytes; in UTF-16 a stray 0x3C only shortens the
        // run, so the check never refuses a real tag.
        var first = chunk.IndexOf((byte)'<');
        if (first < 0)
        {
            _sinceTag += read;
        }
        else
        {
            if (_sinceTag + first > budget.Limits.MaxBytesBetweenTags) throw new ImportBudgetExceededException(budget.Limits.TagReason);
            _sinceTag = read - 1 - chunk.LastIndexOf((byte)'<');
        }
        if (_sinceTag > budget.Limits.MaxBytesBetweenTags) throw new ImportBudgetExceededException(budget.Limits.TagReason);
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>The XML reader's table of names, refusing to grow past <paramref name="max"/> distinct names.</summary>
internal sealed class BoundedNameTable(int max, Func<Exception> exceeded) : XmlNameTable
{
    private readonly NameTable _names = new();
    private int _count;

    public override string Add(char[] array, int offset, int length) =>
        _names.Get(array, offset, length) ?? Added(_names.Add(array, offset, length));

    public override string Add(string array) => _names.Get(array) ?? Added(_names.Add(array));

    public override string? Get(char[] array, int offset, int length) => _names.Get(array, offset, length);

    public override string? Get(string array) => _names.Get(array);

    private string Added(string name)
    {
        if (++_count > max) throw exceeded();
        return name;
    }
}
