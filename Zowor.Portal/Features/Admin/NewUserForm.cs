using System.ComponentModel.DataAnnotations;
using Zowor.Portal.Platform.Security;

namespace Zowor.Portal.Features.Admin;

public sealed class NewUserForm
{
    [Required(ErrorMessage = "Enter the e-mail address.")]
    [EmailAddress(ErrorMessage = "The e-mail address is not valid.")]
    [StringLength(254, ErrorMessage = "The e-mail address is too long.")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Enter the name.")]
    [StringLength(200, ErrorMessage = "The name is too long.")]
    [PlainText(MultiLine = false)]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Enter a password.")]
    [StringLength(128, MinimumLength = 12, ErrorMessage = "The password needs at least 12 characters.")]
    public string? Password { get; set; }

    /// <summary>No role is chosen for the Admin (issue 20: a new user started with Agent ticked, easy to create by mistake).</summary>
    [MinLength(1, ErrorMessage = "Choose at least one role.")]
    public IReadOnlyCollection<string> Roles { get; set; } = [];
}
