using CommsPlan.Core.Access;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CommsPlan.Core.Reports.Word;

/// <summary>
/// An official document laid out as Decree 30/2020/NĐ-CP's appendix I asks (the Party's title and numbering for a Party
/// body): A4 portrait, margins 20/20/30/15 mm, Times New Roman, the two-column header, the title, justified body
/// paragraphs with a first-line indent, the signature block with Nơi nhận, and the page number centred at the top from
/// page 2. Written with the OpenXML SDK 2.20 (the version ClosedXML 0.95.4 already brings).
/// </summary>
public sealed class Decree30Document
{
    public const string FontName = "Times New Roman";
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>Body text in half-points: 14 pt (Decree 30: 13–14).</summary>
    public const int BodySize = 28;
    private const int HeaderSize = 26;
    private const int SmallSize = 24;
    private const int TableSize = 24;

    // A4 and Decree 30's margins, in twentieths of a point (1 mm = 56.7).
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int MarginTop = 1134;
    private const int MarginBottom = 1134;
    private const int MarginLeft = 1701;
    private const int MarginRight = 850;
    public const int TextWidth = PageWidth - MarginLeft - MarginRight;
    private const int FirstLineIndent = 567;

    // "Độc lập - Tự do - Hạnh phúc" in 13 pt bold, and "ĐẢNG CỘNG SẢN VIỆT NAM" in 13 pt bold, measured in twips.
    private const int MottoWidth = 3600;
    private const int PartyTitleWidth = 3000;

    private readonly Body _body = new();

    private Decree30Document()
    {
    }

    /// <summary>Builds a document: <paramref name="compose"/> adds its parts in order.</summary>
    public static byte[] Build(string title, Action<Decree30Document> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var document = new Decree30Document();
        compose(document);
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            package.PackageProperties.Title = title;
            package.PackageProperties.Creator = "CommsPlan";
            var main = package.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = Styles();
            var header = main.AddNewPart<HeaderPart>();
            header.Header = PageNumberHeader();
            var firstHeader = main.AddNewPart<HeaderPart>();
            firstHeader.Header = new Header(new Paragraph());
            document._body.Append(Section(main.GetIdOfPart(header), main.GetIdOfPart(firstHeader)));
            main.Document = new Document(document._body);
        }
        return stream.ToArray();
    }

    /// <summary>
    /// The header table: left the issuing body (superior regular, own name bold, a short rule — a star for the Party's
    /// format) and the number, with <paramref name="subjectLine"/> (an official letter's "V/v …") under it; right the
    /// national motto (or the Party's title) with its rule, then the place and date in italics.
    /// </summary>
    public void Header(IssuingBody issuer, string numberLine, DateOnly date, string? subjectLine = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var leftWidth = TextWidth * 38 / 100;
        var rightWidth = TextWidth - leftWidth;
        var left = new List<OpenXmlElement>();
        foreach (var line in issuer.SuperiorLines) left.Add(Centered(line, HeaderSize));
        var name = issuer.NameLines;
        foreach (var line in issuer.NameLines) left.Add(Centered(line, HeaderSize, bold: true));
        // Decree 30 rules a line a third to a half of the name's length under it; the Party's format puts a star.
        left.Add(issuer.Style == DocumentStyle.Party ? Centered("*", HeaderSize) : Rule(leftWidth / 3, leftWidth));
        left.Add(Centered(numberLine, HeaderSize, spaceBefore: 120));
        if (subjectLine is not null) left.Add(Centered(subjectLine, SmallSize, spaceBefore: 60));

        var right = new List<OpenXmlElement>();
        var titles = issuer.TitleLines;
        right.Add(Centered(titles[0], titles.Count > 1 ? SmallSize : HeaderSize, bold: true));
        if (titles.Count > 1) right.Add(Centered(titles[1], HeaderSize, bold: true));
        // The rule under the motto is as long as the motto (Decree 30); under the Party's title, as long as the title.
        right.Add(Rule(titles.Count > 1 ? MottoWidth : PartyTitleWidth, rightWidth));
        right.Add(Centered(issuer.PlaceAndDate(date), BodySize, italic: true, spaceBefore: 160));

        _body.Append(LayoutTable([leftWidth, rightWidth], [left, right]));
    }

    /// <summary>The document's type and summary, centred and bold ("BÁO CÁO" / "Kết quả thực hiện …"), with a short rule under.</summary>
    public void Title(string type, string summary)
    {
        _body.Append(Centered(type, BodySize, bold: true, spaceBefore: 360));
        _body.Append(Centered(summary, BodySize, bold: true));
        _body.Append(Rule(TextWidth / 5, TextWidth));
        _body.Append(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "120" })));
    }

    /// <summary>"Kính gửi: Sở Tư pháp." under the title of an official letter.</summary>
    public void AddressedTo(IReadOnlyList<string> recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Count == 1)
        {
            _body.Append(Centered($"Kính gửi: {recipients[0]}.", BodySize, spaceBefore: 240));
        }
        else
        {
            _body.Append(Centered("Kính gửi:", BodySize, spaceBefore: 240));
            foreach (var r in recipients) _body.Append(Centered($"- {r};", BodySize));
        }
        _body.Append(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "120" })));
    }

    /// <summary>"I. KẾT QUẢ THỰC HIỆN": bold, indented like the paragraphs.</summary>
    public void Heading(string text) => _body.Append(BodyParagraph(text, bold: true, spaceBefore: 120));

    /// <summary>"1. Kết quả theo hình thức…": bold.</summary>
    public void SubHeading(string text) => _body.Append(BodyParagraph(text, bold: true));

    /// <summary>A body paragraph: justified, first line indented 1 cm, 14 pt.</summary>
    public void Paragraph(string text, bool italic = false) => _body.Append(BodyParagraph(text, italic: italic));

    /// <summary>Every non-empty line of <paramref name="text"/> as a paragraph (the edited sections are typed that way).</summary>
    public void Paragraphs(string text)
    {
        foreach (var line in Lines(text)) Paragraph(line);
    }

    /// <summary>The lines of an edited text that become paragraphs: trimmed, empty ones dropped.</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        [.. (text ?? "").Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    /// <summary>A bordered table of figures: bold header row, numbers right-aligned, the given rows in bold.</summary>
    public void Table(IReadOnlyList<(string Header, int Width, bool Number)> columns, IReadOnlyList<(IReadOnlyList<string> Cells, bool Bold)> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var total = columns.Sum(c => c.Width);
        var widths = columns.Select(c => c.Width * TextWidth / total).ToArray();
        var table = new Table(new TableProperties(
            new TableWidth { Width = TextWidth.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        var head = new TableRow(new TableRowProperties(new TableHeader()));
        for (var i = 0; i < columns.Count; i++)
            head.Append(Cell(widths[i], CellParagraph(columns[i].Header, JustificationValues.Center, bold: true)));
        table.Append(head);
        foreach (var (cells, bold) in rows)
        {
            var row = new TableRow(new TableRowProperties(new CantSplit()));
            for (var i = 0; i < columns.Count; i++)
            {
                var text = i < cells.Count ? cells[i] : "";
                row.Append(Cell(widths[i], CellParagraph(text, columns[i].Number ? JustificationValues.Right : JustificationValues.Left, bold)));
            }
            table.Append(row);
        }
        _body.Append(table);
        _body.Append(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "60" })));
    }

    /// <summary>
    /// The end of the document: Nơi nhận on the left (bold italic 12 pt, recipients 11 pt), on the right the signer's
    /// authority and title in bold capitals, room for the signature and seal, and the name in bold (left empty for the
    /// hand when none is on record).
    /// </summary>
    public void Signature(IssuingBody issuer, IReadOnlyList<string> recipients)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(recipients);
        var leftWidth = TextWidth / 2;
        var left = new List<OpenXmlElement>
        {
            new Paragraph(new ParagraphProperties(new SpacingBetweenLines { Before = "240", After = "0" }),
                Run("Nơi nhận:", SmallSize, bold: true, italic: true)),
        };
        foreach (var r in recipients)
            left.Add(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" }), Run("- " + r, 22)));
        var right = new List<OpenXmlElement>();
        var titles = issuer.SignerTitleLines;
        for (var i = 0; i < titles.Count; i++) right.Add(Centered(titles[i], BodySize, bold: true, spaceBefore: i == 0 ? 240 : 0));
        for (var i = 0; i < 4; i++) right.Add(Centered("", BodySize));
        right.Add(Centered(issuer.SignerName, BodySize, bold: true));
        _body.Append(LayoutTable([leftWidth, TextWidth - leftWidth], [left, right]));
    }

    private static Paragraph BodyParagraph(string text, bool bold = false, bool italic = false, int spaceBefore = 0) =>
        new(new ParagraphProperties(
                new SpacingBetweenLines { Before = spaceBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), After = "120", Line = "300", LineRule = LineSpacingRuleValues.Auto },
                new Indentation { FirstLine = FirstLineIndent.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new Justification { Val = JustificationValues.Both }),
            Run(text, BodySize, bold, italic));

    /// <summary>A centred line.</summary>
    private static Paragraph Centered(string text, int size, bool bold = false, bool italic = false, int spaceBefore = 0)
    {
        var paragraph = new Paragraph(new ParagraphProperties(
            new SpacingBetweenLines { Before = spaceBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), After = "0" },
            new Justification { Val = JustificationValues.Center }));
        if (text.Length > 0) paragraph.Append(Run(text, size, bold, italic));
        return paragraph;
    }

    /// <summary>
    /// A solid rule <paramref name="width"/> twips long, centred in a column <paramref name="columnWidth"/> wide: an empty
    /// paragraph whose bottom border spans between its indents, so the text above keeps the column's full width.
    /// </summary>
    private static Paragraph Rule(int width, int columnWidth)
    {
        var indent = Math.Max(0, (columnWidth - width) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Paragraph(
            new ParagraphProperties(
                new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 6, Space = 1 }),
                // 6 pt high: the rule sits clear of the descenders of the line above.
                new SpacingBetweenLines { Before = "0", After = "60", Line = "120", LineRule = LineSpacingRuleValues.Exact },
                new Indentation { Left = indent, Right = indent }),
            new Run(new RunProperties(new FontSize { Val = "4" }), new Text("")));
    }

    private static Run Run(string text, int size, bool bold = false, bool italic = false)
    {
        var properties = new RunProperties(
            new RunFonts { Ascii = FontName, HighAnsi = FontName, ComplexScript = FontName, EastAsia = FontName });
        if (bold) properties.Append(new Bold());
        if (italic) properties.Append(new Italic());
        properties.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        properties.Append(new FontSizeComplexScript { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static Paragraph CellParagraph(string text, JustificationValues alignment, bool bold) =>
        new(new ParagraphProperties(new SpacingBetweenLines { Before = "20", After = "20" }, new Justification { Val = alignment }),
            Run(text, TableSize, bold));

    private static TableCell Cell(int width, Paragraph content) =>
        new(new TableCellProperties(
                new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
            content);

    /// <summary>A borderless table that only places blocks side by side (the header, the signature).</summary>
    private static Table LayoutTable(int[] widths, IReadOnlyList<List<OpenXmlElement>> cells)
    {
        var table = new Table(new TableProperties(
                new TableWidth { Width = widths.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableBorders(
                    new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
                    new LeftBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
                    new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None }),
                new TableCellMarginDefault(new TableCellLeftMargin { Width = 0, Type = TableWidthValues.Dxa },
                    new TableCellRightMargin { Width = 0, Type = TableWidthValues.Dxa })),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        var row = new TableRow();
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = new TableCell(new TableCellProperties(
                new TableCellWidth { Width = widths[i].ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }));
            foreach (var element in cells[i]) cell.Append(element);
            if (!cell.Elements<Paragraph>().Any()) cell.Append(new Paragraph());
            row.Append(cell);
        }
        table.Append(row);
        return table;
    }

    private static Styles Styles() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = FontName, HighAnsi = FontName, ComplexScript = FontName, EastAsia = FontName },
                new FontSize { Val = BodySize.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new FontSizeComplexScript { Val = BodySize.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0" }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });

    /// <summary>The page number, centred at the top (Decree 30: 13–14 pt, not on the first page).</summary>
    private static Header PageNumberHeader() => new(new Paragraph(
        new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
        new SimpleField(Run("2", BodySize)) { Instruction = " PAGE " }));

    private static SectionProperties Section(string headerId, string firstHeaderId) => new(
        new HeaderReference { Type = HeaderFooterValues.Default, Id = headerId },
        new HeaderReference { Type = HeaderFooterValues.First, Id = firstHeaderId },
        new PageSize { Width = PageWidth, Height = PageHeight },
        new PageMargin
        {
            Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight,
            Header = 567, Footer = 567, Gutter = 0,
        },
        new TitlePage());
}
