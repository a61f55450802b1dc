using FluentValidation;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Rounds;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Web.Features.Rounds;

public sealed class RoundForm
{
    public int Id { get; set; }

    public long Version { get; set; }

    public string Name { get; set; } = "";

    public RoundKind Kind { get; set; } = RoundKind.Regular;

    public string InspectingBody { get; set; } = "";

    public int OfficeUnitId { get; set; }

    public IEnumerable<int> InspectedUnitIds { get; set; } = [];

    public DateTime? InspectionStart { get; set; }

    public DateTime? InspectionEnd { get; set; }

    public DateTime? FeedbackDate { get; set; }

    public DateTime? RectificationDeadline { get; set; }

    public string? Notes { get; set; }
}

public sealed class RoundFormValidator : AbstractValidator<RoundForm>
{
    public RoundFormValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("请填写轮次名称。")
            .MaximumLength(SchemaLimits.ShortTextLength).WithMessage($"轮次名称不能超过 {SchemaLimits.ShortTextLength} 字。");
        RuleFor(r => r.InspectingBody).NotEmpty().WithMessage("请填写巡察组,如“县委第一巡察组”。")
            .MaximumLength(SchemaLimits.NameLength).WithMessage($"巡察组名称不能超过 {SchemaLimits.NameLength} 字。");
        RuleFor(r => r.OfficeUnitId).GreaterThan(0).WithMessage("请选择负责整改的单位(巡察办所在单位)。");
        RuleFor(r => r.InspectedUnitIds).NotEmpty().WithMessage("请至少选择一个被巡察单位。");
        RuleFor(r => r.FeedbackDate).NotNull().WithMessage("请填写反馈日期。");
        RuleFor(r => r.RectificationDeadline).NotNull().WithMessage("请填写整改期限。");
        RuleFor(r => r.RectificationDeadline).GreaterThanOrEqualTo(r => r.FeedbackDate)
            .When(r => r.FeedbackDate is not null && r.RectificationDeadline is not null)
            .WithMessage("整改期限不能早于反馈日期。");
        RuleFor(r => r.InspectionEnd).GreaterThanOrEqualTo(r => r.InspectionStart)
            .When(r => r.InspectionStart is not null && r.InspectionEnd is not null)
            .WithMessage("巡察结束日期不能早于开始日期。");
        RuleFor(r => r.FeedbackDate).GreaterThanOrEqualTo(r => r.InspectionEnd)
            .When(r => r.InspectionEnd is not null && r.FeedbackDate is not null)
            .WithMessage("反馈日期不能早于巡察结束日期。");
        RuleFor(r => r.Notes).MaximumLength(SchemaLimits.LongTextLength).WithMessage("备注过长。");
    }
}

public sealed class AspectForm
{
    public int Id { get; set; }

    public int RoundId { get; set; }

    public string Title { get; set; } = "";
}

public sealed class AspectFormValidator : AbstractValidator<AspectForm>
{
    public AspectFormValidator() =>
        RuleFor(a => a.Title).NotEmpty().WithMessage("请填写方面的标题。")
            .MaximumLength(SchemaLimits.TitleLength).WithMessage($"标题不能超过 {SchemaLimits.TitleLength} 字。");
}

public sealed class ProblemForm
{
    public int Id { get; set; }

    public int RoundId { get; set; }

    public int AspectId { get; set; }

    public string Title { get; set; } = "";

    public string Text { get; set; } = "";
}

public sealed class ProblemFormValidator : AbstractValidator<ProblemForm>
{
    public ProblemFormValidator()
    {
        RuleFor(p => p.AspectId).GreaterThan(0).WithMessage("请选择所属方面。");
        RuleFor(p => p.Title).NotEmpty().WithMessage("请填写问题标题。")
            .MaximumLength(SchemaLimits.TitleLength).WithMessage($"问题标题不能超过 {SchemaLimits.TitleLength} 字。");
        RuleFor(p => p.Text).MaximumLength(SchemaLimits.LongTextLength).WithMessage("问题内容过长。");
    }
}
