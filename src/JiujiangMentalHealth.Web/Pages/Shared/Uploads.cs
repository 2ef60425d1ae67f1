using JiujiangMentalHealth.Infrastructure.Tabular;
using Microsoft.Extensions.Localization;

namespace JiujiangMentalHealth.Web.Pages.Shared;

/// <summary>The first step of every import page: read the uploaded spreadsheet, or say in the user's language why not.</summary>
public static class Uploads
{
    public sealed record Read(TabularTable? Table, string? Error, string FileName);

    public static Read ReadTable(IFormFile? upload, TabularLimits limits, IStringLocalizer t)
    {
        if (upload is null)
        {
            return new Read(null, t["Import_NoFile"], "");
        }

        var fileName = Path.GetFileName(upload.FileName);
        if (upload.Length == 0)
        {
            return new Read(null, t[TabularErrorCodes.Empty], fileName);
        }

        using var stream = upload.OpenReadStream();
        var read = TabularReader.Read(stream, fileName, limits);
        return read.Succeeded
            ? new Read(read.Table, null, fileName)
            : new Read(null, t[read.Error.Code, [.. read.Error.Arguments]], fileName);
    }
}
