using FluentValidation;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Web.Features.Tasks;

/// <summary>A decision on a task: review, sign-off, a return or a reopen. <see cref="Version"/> is what the user saw.</summary>
public sealed class DecisionCommand
{
    public int TaskId { get; set; }

    public long Version { get; set; }

    public TaskAction Action { get; set; }

    /// <summary>Comment, or the reason when returning or reopening.</summary>
    public string? Comment { get; set; }
}

public sealed class DecisionCommandValidator : AbstractValidator<DecisionCommand>
{
    public DecisionCommandValidator()
    {
        RuleFor(c => c.Action).Must(a => a is TaskAction.ApproveReview or TaskAction.ReturnFromReview or TaskAction.SignOff
            or TaskAction.ReturnFromSignOff or TaskAction.Reopen or TaskAction.Withdraw).WithMessage("不支持的操作。");
        RuleFor(c => c.Comment).NotEmpty().When(c => TaskWorkflow.RequiresReason(c.Action))
            .WithMessage(c => $"“{TaskNames.DisplayName(c.Action)}”须填写理由。");
        RuleFor(c => c.Comment).MaximumLength(SchemaLimits.ReasonLength).WithMessage($"意见不能超过 {SchemaLimits.ReasonLength} 字。");
    }
}

public sealed class ApplyForClosureCommand
{
    public int TaskId { get; set; }

    public long Version { get; set; }

    public string Summary { get; set; } = "";

    public decimal FundsRecoveredWan { get; set; }

    public int PeopleHeldAccountable { get; set; }

    public string? AccountabilityKinds { get; set; }

    public List<RuleInput> Rules { get; set; } = [];

    public IEnumerable<int> EvidenceIds { get; set; } = [];
}

public sealed class RuleInput
{
    public string Title { get; set; } = "";

    public bool IsRevision { get; set; }

    public DateOnly? IssuedOn { get; set; }
}

public sealed class ApplyForClosureCommandValidator : AbstractValidator<ApplyForClosureCommand>
{
    public ApplyForClosureCommandValidator()
    {
        RuleFor(c => c.Summary).NotEmpty().WithMessage("请填写整改情况说明。")
            .MaximumLength(SchemaLimits.LongTextLength).WithMessage("整改情况说明过长。");
        RuleFor(c => c.EvidenceIds).NotEmpty().WithMessage("申请销号须至少选择一份佐证材料。");
        RuleFor(c => c.FundsRecoveredWan).GreaterThanOrEqualTo(0).WithMessage("清退资金不能为负数。")
            .LessThan(10_000_000).WithMessage("清退资金数额过大,请核对(单位:万元)。");
        RuleFor(c => c.PeopleHeldAccountable).GreaterThanOrEqualTo(0).WithMessage("追责问责人数不能为负数。")
            .LessThan(100_000).WithMessage("追责问责人数过大,请核对。");
        RuleFor(c => c.AccountabilityKinds).NotEmpty().When(c => c.PeopleHeldAccountable > 0)
            .WithMessage("有追责问责人员时,请填写问责方式(如诫勉谈话、党内警告)。");
        RuleFor(c => c.AccountabilityKinds).MaximumLength(SchemaLimits.ShortTextLength);
        RuleForEach(c => c.Rules).ChildRules(r =>
        {
            r.RuleFor(x => x.Title).NotEmpty().WithMessage("请填写制度名称。")
                .MaximumLength(SchemaLimits.ShortTextLength).WithMessage("制度名称过长。");
        });
    }
}

/// <summary>催办: urge the owner of an overdue or stale task. <see cref="Version"/> is what the user saw.</summary>
public sealed class UrgeCommand
{
    public int TaskId { get; set; }

    public long Version { get; set; }

    public string Message { get; set; } = "";
}

public sealed class UrgeCommandValidator : AbstractValidator<UrgeCommand>
{
    public UrgeCommandValidator()
    {
        RuleFor(c => c.Message).Must(m => !string.IsNullOrWhiteSpace(m)).WithMessage("请填写催办内容。")
            .Must(m => (m?.Trim().Length ?? 0) <= UrgingRules.MessageMaxLength)
            .WithMessage($"催办内容不能超过 {UrgingRules.MessageMaxLength} 字。");
    }
}

/// <summary>The <c>Tracker:Urging</c> settings (docs/workflow.md).</summary>
public sealed class UrgingOptions
{
    public const string Section = "Tracker:Urging";

    /// <summary>A task in progress with no activity for this many days may be urged (default 14, the yellow light's).</summary>
    public int StaleDays { get; set; } = TaskLights.StaleProgressDays;

    public UrgingPolicy Policy => new() { StaleDays = Math.Max(1, StaleDays) };
}

public sealed class ProgressCommand
{
    public int TaskId { get; set; }

    public DateOnly? Date { get; set; }

    public string Text { get; set; } = "";
}

public sealed class ProgressCommandValidator : AbstractValidator<ProgressCommand>
{
    public ProgressCommandValidator()
    {
        RuleFor(c => c.Text).NotEmpty().WithMessage("请填写整改进展。")
            .MaximumLength(SchemaLimits.LongTextLength).WithMessage("整改进展内容过长。");
    }
}
