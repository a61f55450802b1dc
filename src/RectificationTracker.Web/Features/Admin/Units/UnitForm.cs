using FluentValidation;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Organisation;

namespace RectificationTracker.Web.Features.Admin.Units;

/// <summary>Create (Id 0) or edit a unit: rename, change kind or order, move to another parent.</summary>
public sealed class UnitForm
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public UnitKind Kind { get; set; } = UnitKind.Department;

    /// <summary>Null only for the root unit, which cannot be moved.</summary>
    public int? ParentId { get; set; }

    /// <summary>Position among siblings; 0 puts a new unit last.</summary>
    public int SortOrder { get; set; }

    /// <summary>简称 shown on boards, ledgers and reports (empty: the name, qualified by the parent where shared).</summary>
    public string? ShortName { get; set; }

    /// <summary>发文机关 in the masthead of the unit office's progress bulletins (empty: derived from the name).</summary>
    public string? BulletinIssuer { get; set; }
}

public sealed class UnitFormValidator : AbstractValidator<UnitForm>
{
    public UnitFormValidator()
    {
        RuleFor(u => u.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("请填写单位名称。")
            .MaximumLength(SchemaLimits.NameLength).WithMessage($"单位名称不能超过 {SchemaLimits.NameLength} 个字。");
        RuleFor(u => u.Kind).IsInEnum().WithMessage("请选择类型(单位或部门)。");
        RuleFor(u => u.ParentId).NotNull().When(u => u.Id == 0).WithMessage("请选择上级单位。");
        RuleFor(u => u.SortOrder).InclusiveBetween(0, 9999).WithMessage("排序号应在 0 到 9999 之间。");
        RuleFor(u => u.ShortName).MaximumLength(SchemaLimits.NameLength).WithMessage($"简称不能超过 {SchemaLimits.NameLength} 个字。");
        RuleFor(u => u.BulletinIssuer).MaximumLength(SchemaLimits.ShortTextLength).WithMessage($"发文机关不能超过 {SchemaLimits.ShortTextLength} 个字。");
    }
}
