using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CommsPlan.Core.Reports.Excel;

/// <summary>
/// ClosedXML 0.95.4 writes a sheet's print titles as relative rows (<c>'Chi tiết'!10:10</c>); LibreOffice then repeats
/// nothing and Excel rewrites the name on opening. This pass makes every print-title reference absolute
/// (<c>'Chi tiết'!$10:$10</c>) in the saved package, before the detail rows are streamed into it.
/// </summary>
public static partial class PrintTitles
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>Rewrites xl/workbook.xml of <paramref name="package"/> (a seekable, writable xlsx) in place.</summary>
    public static void MakeAbsolute(Stream package)
    {
        ArgumentNullException.ThrowIfNull(package);
        package.Position = 0;
        using (var zip = new ZipArchive(package, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/workbook.xml") ?? throw new InvalidDataException("The workbook has no xl/workbook.xml.");
            XDocument workbook;
            using (var read = entry.Open()) workbook = XDocument.Load(read);
            var changed = false;
            foreach (var name in workbook.Descendants(Main + "definedName").Where(d => (string?)d.Attribute("name") == "_xlnm.Print_Titles"))
            {
                var fixedValue = Absolute(name.Value);
                if (fixedValue == name.Value) continue;
                name.Value = fixedValue;
                changed = true;
            }
            if (changed)
            {
                using var write = entry.Open();
                write.SetLength(0);
                workbook.Save(write, SaveOptions.DisableFormatting);
            }
        }
        package.Position = 0;
    }

    /// <summary>"'Chi tiết'!10:11,'Chi tiết'!A:B" → "'Chi tiết'!$10:$11,'Chi tiết'!$A:$B".</summary>
    public static string Absolute(string reference) =>
        Part().Replace(reference, m => $"!${m.Groups[1].Value}:${m.Groups[2].Value}");

    // After "!": rows "10:11" or columns "A:B", each side possibly already absolute.
    [GeneratedRegex(@"!\$?([0-9]+|[A-Z]+):\$?([0-9]+|[A-Z]+)")]
    private static partial Regex Part();
}
