using FluentValidation;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Organisation;
using RectificationTracker.Web.Infrastructure;

namespace RectificationTracker.Web.Features.Admin.Users;

/// <summary>A new account, created by an administrator (there is no self-registration).</summary>
public sealed class CreateUserForm
{
    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string? JobTitle { get; set; }

    public int UnitId { get; set; }

    public IEnumerable<Role> Roles { get; set; } = [];

    /// <summary>The initial password; the administrator passes it on to the user.</summary>
    public string Password { get; set; } = "";
}

/// <summary>An existing account's profile and roles (the user name stays as it is).</summary>
public sealed class EditUserForm
{
    public string Id { get; set; } = "";

    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string? JobTitle { get; set; }

    public int UnitId { get; set; }

    public IEnumerable<Role> Roles { get; set; } = [];
}

/// <summary>An administrator sets a new password, or has one generated and shown once.</summary>
public sealed class ResetPasswordForm
{
    public string UserId { get; set; } = "";

    public bool Generate { get; set; } = true;

    public string? NewPassword { get; set; }
}

public sealed class CreateUserFormValidator : AbstractValidator<CreateUserForm>
{
    public CreateUserFormValidator(PasswordPolicy passwords)
    {
        RuleFor(u => u.UserName).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("请填写用户名。")
            .Length(2, UserRules.UserNameMaxLength).WithMessage($"用户名应为 2 到 {UserRules.UserNameMaxLength} 个字符。")
            .Matches(UserRules.UserNamePattern).WithMessage(UserRules.UserNameMessage);
        RuleFor(u => u.DisplayName).Cascade(CascadeMode.Stop).Profile();
        RuleFor(u => u.JobTitle).JobTitle();
        RuleFor(u => u.UnitId).GreaterThan(0).WithMessage("请选择所属单位。");
        RuleFor(u => u.Roles).NotEmpty().WithMessage("请至少选择一个角色。");
        RuleFor(u => u.Password).Password("请设置初始密码。", passwords);
    }
}

public sealed class EditUserFormValidator : AbstractValidator<EditUserForm>
{
    public EditUserFormValidator()
    {
        RuleFor(u => u.Id).NotEmpty().WithMessage("未指定要修改的用户。");
        RuleFor(u => u.DisplayName).Cascade(CascadeMode.Stop).Profile();
        RuleFor(u => u.JobTitle).JobTitle();
        RuleFor(u => u.UnitId).GreaterThan(0).WithMessage("请选择所属单位。");
        RuleFor(u => u.Roles).NotEmpty().WithMessage("请至少选择一个角色。");
    }
}

public sealed class ResetPasswordFormValidator : AbstractValidator<ResetPasswordForm>
{
    public ResetPasswordFormValidator(PasswordPolicy passwords)
    {
        RuleFor(r => r.UserId).NotEmpty().WithMessage("未指定要重置密码的用户。");
        RuleFor(r => r.NewPassword!).Password("请填写新密码,或选择自动生成。", passwords).When(r => !r.Generate);
    }
}

/// <summary>Rules shared by the account forms; the password rules are <see cref="PasswordPolicy"/>'s.</summary>
internal static class UserRules
{
    public const int UserNameMaxLength = 64;

    // The same characters Identity's default UserOptions.AllowedUserNameCharacters allow.
    public const string UserNamePattern = "^[A-Za-z0-9._@+-]+$";

    public const string UserNameMessage = "用户名只能包含英文字母、数字和 - . _ @ + 符号。";

    public static IRuleBuilderOptions<T, string> Profile<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("请填写姓名。")
            .MaximumLength(SchemaLimits.NameLength).WithMessage($"姓名不能超过 {SchemaLimits.NameLength} 个字。");

    public static IRuleBuilderOptions<T, string?> JobTitle<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(SchemaLimits.NameLength).WithMessage($"职务不能超过 {SchemaLimits.NameLength} 个字。");

    /// <summary>The early check beside the field: the policy's first unmet rule (reuse is checked when the password is set).</summary>
    public static IRuleBuilderOptions<T, string> Password<T>(this IRuleBuilderInitial<T, string> rule, string emptyMessage, PasswordPolicy policy) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(emptyMessage)
            .Must(policy.Meets).WithMessage((_, p) => policy.Check(p)[0].Description);
}
