using Microsoft.EntityFrameworkCore;
using Zowor.Portal.Data;

namespace Zowor.Portal.Features.Replies;

/// <summary>
/// The starting set of reply templates, added once when there are none (in every environment, like the categories):
/// admins edit or retire them on the Reply templates page. The texts are data, not UI strings, so both languages are here.
/// </summary>
public static class ReplyTemplateSeed
{
    private static readonly ReplyTemplate[] Templates =
    [
        new()
        {
            Name = "Investigation update",
            SubjectEn = "We are still looking into your complaint",
            BodyEn = "We are still investigating the problem you reported. We expect to resolve your complaint by {EstimatedResolutionDate}; if anything changes, we will tell you at once.\n\nYou can follow your complaint at any time: {TrackingLink}\n\n{StaffName}",
            SubjectRu = "Мы продолжаем разбираться с вашей жалобой",
            BodyRu = "Мы продолжаем расследование проблемы, о которой вы сообщили. Мы рассчитываем решить вопрос до {EstimatedResolutionDate}; если что-то изменится, мы сразу сообщим вам.\n\nСледить за жалобой можно в любое время: {TrackingLink}\n\n{StaffName}",
        },
        new()
        {
            Name = "Request for photos",
            SubjectEn = "Could you send us a photo?",
            BodyEn = "To find out what went wrong, it would help us a lot to see the product. Could you send one or two photos of the damage and of the packaging? You can add them on the status page of complaint {Reference}: {TrackingLink}\n\n{StaffName}",
            SubjectRu = "Пришлите, пожалуйста, фотографию",
            BodyRu = "Чтобы понять, что пошло не так, нам очень помогло бы увидеть товар. Пришлите, пожалуйста, одну-две фотографии повреждения и упаковки. Их можно добавить на странице статуса жалобы {Reference}: {TrackingLink}\n\n{StaffName}",
        },
        new()
        {
            Name = "Replacement on its way",
            SubjectEn = "Your replacement is on its way",
            BodyEn = "Good news: the replacement has left our warehouse today. We will confirm once it has been delivered. If anything is not right with it, simply reply to this e-mail.\n\n{StaffName}",
            SubjectRu = "Замена уже в пути",
            BodyRu = "Хорошая новость: замена сегодня отправлена с нашего склада. Мы подтвердим, когда её доставят. Если с ней что-то не так, просто ответьте на это письмо.\n\n{StaffName}",
        },
        new()
        {
            Name = "Apology for the delay",
            SubjectEn = "We are sorry for the delay",
            BodyEn = "We are sorry that resolving your complaint is taking longer than we promised. We are doing everything we can and now expect to finish by {EstimatedResolutionDate}.\n\n{StaffName}",
            SubjectRu = "Приносим извинения за задержку",
            BodyRu = "Приносим извинения за то, что решение вашей жалобы занимает больше времени, чем мы обещали. Мы делаем всё возможное и теперь рассчитываем завершить работу до {EstimatedResolutionDate}.\n\n{StaffName}",
        },
    ];

    /// <summary>Adds the starting templates when the table is empty.</summary>
    public static async Task SeedAsync(PortalDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.ReplyTemplates.AnyAsync(cancellationToken))
        {
            return;
        }

        foreach (var template in Templates)
        {
            db.ReplyTemplates.Add(new ReplyTemplate
            {
                Name = template.Name,
                SubjectEn = template.SubjectEn,
                BodyEn = template.BodyEn,
                SubjectRu = template.SubjectRu,
                BodyRu = template.BodyRu,
                UpdatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
