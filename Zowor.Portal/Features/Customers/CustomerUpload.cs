namespace Zowor.Portal.Features.Customers;

/// <summary>A file a customer attached on a public page; opened only when it is read (the files of one request share its body).</summary>
public sealed record CustomerUpload(string? FileName, Func<Stream> Open);
