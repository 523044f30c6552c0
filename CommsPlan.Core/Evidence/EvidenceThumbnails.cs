using System.Globalization;
using CommsPlan.Core.Common;
using SkiaSharp;

namespace CommsPlan.Core.Evidence;

/// <summary>
/// Thumbnails of evidence images, made with SkiaSharp once at upload and stored beside the file. The picture's size is
/// read from its header before any pixel is decoded, and an image over the pixel limit is refused: a few kilobytes of
/// PNG can declare a picture whose decoding would take gigabytes. Large JPEGs are decoded already scaled down.
/// </summary>
public static class EvidenceThumbnails
{
    /// <summary>The longest side of a thumbnail, in pixels (twice what the page shows, for sharp screens).</summary>
    public const int Size = 320;

    private const int JpegQuality = 80;

    /// <summary>A JPEG thumbnail of the image in <paramref name="bytes"/>, upright as the camera meant it.</summary>
    /// <exception cref="BusinessRuleException">The image is damaged or has more pixels than allowed.</exception>
    public static byte[] Create(string fileName, byte[] bytes, EvidenceOptions options)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw Damaged(fileName);
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0) throw Damaged(fileName);
        if ((long)width * height > options.MaxImagePixels)
            throw new BusinessRuleException(string.Create(CultureInfo.GetCultureInfo("vi-VN"),
                $"Ảnh «{fileName}» có {width:N0} × {height:N0} điểm ảnh, vượt quá giới hạn {options.MaxImageMegapixels:N0} triệu điểm ảnh; hãy thu nhỏ ảnh rồi tải lên lại."));

        // Decode at the smallest size the codec offers that is still at least the thumbnail's (JPEG: 1/2, 1/4, 1/8).
        var scale = Math.Min(1f, (float)Size / Math.Max(width, height));
        var decoded = codec.GetScaledDimensions(scale);
        if (decoded.Width < Math.Min(Size, width) && decoded.Height < Math.Min(Size, height)) decoded = new SKSizeI(width, height);
        var info = new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput)) throw Damaged(fileName);

        var fit = Math.Min(1.0, (double)Size / Math.Max(decoded.Width, decoded.Height));
        var (w, h) = (Math.Max(1, (int)Math.Round(decoded.Width * fit)), Math.Max(1, (int)Math.Round(decoded.Height * fit)));
        var turned = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (outW, outH) = turned ? (h, w) : (w, h);

        using var surface = SKSurface.Create(new SKImageInfo(outW, outH, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        // A JPEG has no transparency: transparent parts of a PNG or WebP show on white, as on the page.
        canvas.Clear(SKColors.White);
        Orient(canvas, codec.EncodedOrigin, w, h);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, new SKRect(0, 0, w, h), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        canvas.Flush();
        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return encoded.ToArray();
    }

    /// <summary>Turns the canvas so that an image drawn at (0, 0, w, h) comes out as its EXIF orientation says.</summary>
    private static void Orient(SKCanvas canvas, SKEncodedOrigin origin, int w, int h)
    {
        switch (origin)
        {
            case SKEncodedOrigin.TopRight:
                canvas.Translate(w, 0);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.BottomRight:
                canvas.Translate(w, h);
                canvas.RotateDegrees(180);
                break;
            case SKEncodedOrigin.BottomLeft:
                canvas.Translate(0, h);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.LeftTop:
                canvas.Translate(h, 0);
                canvas.Scale(-1, 1);
                canvas.Translate(h, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightTop:
                canvas.Translate(h, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightBottom:
                canvas.Translate(h, 0);
                canvas.Scale(-1, 1);
                canvas.Translate(0, w);
                canvas.RotateDegrees(-90);
                break;
            case SKEncodedOrigin.LeftBottom:
                canvas.Translate(0, w);
                canvas.RotateDegrees(-90);
                break;
        }
    }

    private static BusinessRuleException Damaged(string fileName) =>
        new($"Ảnh «{fileName}» bị hỏng hoặc không đọc được; hãy mở thử trên máy rồi lưu lại thành JPEG hoặc PNG.");
}
