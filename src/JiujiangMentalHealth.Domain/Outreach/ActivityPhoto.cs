using JiujiangMentalHealth.Domain.Common;

namespace JiujiangMentalHealth.Domain.Outreach;

/// <summary>
/// 活动照片 — an optional photo of an activity (a JPEG, PNG or WebP of at most 2 MB, six per activity).
/// The type is read from the file's own first bytes, never from its name or the browser's claim.
/// </summary>
public class ActivityPhoto
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxPerActivity = 6;

    private ActivityPhoto()
    {
    }

    private ActivityPhoto(long activityId, string fileName, string contentType, byte[] content, string uploadedBy, DateTimeOffset now)
    {
        ActivityId = activityId;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Size = content.Length;
        UploadedBy = uploadedBy;
        UploadedAt = now;
    }

    public long Id { get; private set; }

    public long ActivityId { get; private set; }

    public string FileName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    public int Size { get; private set; }

    public string UploadedBy { get; private set; } = "";

    public DateTimeOffset UploadedAt { get; private set; }

    /// <param name="existing">How many photos the activity already has.</param>
    public static ActivityPhoto Create(long activityId, string fileName, byte[] content, int existing, string uploadedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (existing >= MaxPerActivity)
        {
            throw new DomainRuleException("ActivityPhoto_TooMany", MaxPerActivity);
        }

        if (content.Length == 0 || content.Length > MaxBytes)
        {
            throw new DomainRuleException("ActivityPhoto_TooLarge", MaxBytes / 1024 / 1024);
        }

        var type = Sniff(content) ?? throw new DomainRuleException("ActivityPhoto_NotAnImage");
        var name = Path.GetFileName(fileName ?? "").Trim();
        if (name.Length > 100)
        {
            name = name[^100..];
        }

        return new ActivityPhoto(activityId, name.Length == 0 ? "photo" : name, type, content, uploadedBy, now);
    }

    /// <summary>The image type from the file's signature, or null when it is not one the portal shows.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;
}
