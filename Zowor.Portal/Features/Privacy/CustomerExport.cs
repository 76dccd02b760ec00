namespace Zowor.Portal.Features.Privacy;

public sealed record CustomerExport(string FileName, byte[] Content);
