namespace CommsPlan.Core.Evidence;

/// <summary>The types of file an evidence may be: each recognised by its content (<see cref="EvidenceInspector"/>).</summary>
public enum EvidenceKind
{
    Jpeg,
    Png,
    WebP,
    Pdf,
    Docx,
    Xlsx,
}

public static class EvidenceKinds
{
    /// <summary>The type a download is served with.</summary>
    public static string ContentType(this EvidenceKind kind) => kind switch
    {
        EvidenceKind.Jpeg => "image/jpeg",
        EvidenceKind.Png => "image/png",
        EvidenceKind.WebP => "image/webp",
        EvidenceKind.Pdf => "application/pdf",
        EvidenceKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        EvidenceKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };

    /// <summary>The usual extension, given to a file whose name has none or another (a renamed file keeps its real type).</summary>
    public static string Extension(this EvidenceKind kind) => kind switch
    {
        EvidenceKind.Jpeg => ".jpg",
        EvidenceKind.Png => ".png",
        EvidenceKind.WebP => ".webp",
        EvidenceKind.Pdf => ".pdf",
        EvidenceKind.Docx => ".docx",
        EvidenceKind.Xlsx => ".xlsx",
        _ => "",
    };

    public static bool IsImage(this EvidenceKind kind) => kind is EvidenceKind.Jpeg or EvidenceKind.Png or EvidenceKind.WebP;

    public static string DisplayName(this EvidenceKind kind) => kind switch
    {
        EvidenceKind.Jpeg => "Ảnh JPEG",
        EvidenceKind.Png => "Ảnh PNG",
        EvidenceKind.WebP => "Ảnh WebP",
        EvidenceKind.Pdf => "PDF",
        EvidenceKind.Docx => "Word (DOCX)",
        EvidenceKind.Xlsx => "Excel (XLSX)",
        _ => kind.ToString(),
    };

    /// <summary>What the file picker offers; the content decides in the end.</summary>
    public const string Accept = ".jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx,image/jpeg,image/png,image/webp,application/pdf";

    public const string AllowedText = "ảnh JPEG, PNG, WebP; PDF; Word (DOCX); Excel (XLSX)";
}
