namespace Zowor.Portal.Features.Capa;

public sealed record CourseChoice(int Id, string Name);
