namespace Zowor.Portal.Features.Customers;

/// <summary>The files of a public page's multipart post, read from the request the static page is rendering.</summary>
public static class CustomerUploads
{
    /// <summary>The form field the file inputs post as.</summary>
    public const string FieldName = "attachments";

    /// <summary>The attached files; an empty file input (no name, no bytes) is not a file.</summary>
    public static IReadOnlyList<CustomerUpload> From(HttpContext? context)
    {
        if (context is null || !context.Request.HasFormContentType)
        {
            return [];
        }

        return context.Request.Form.Files.GetFiles(FieldName)
            .Where(f => !(f.Length == 0 && string.IsNullOrEmpty(f.FileName)))
            .Select(f => new CustomerUpload(f.FileName, f.OpenReadStream))
            .ToList();
    }
}
