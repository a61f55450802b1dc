using FluentValidation;
using RectificationTracker.Domain.Common;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Web.Features.Tasks.Edit;

/// <summary>A task's fields (登记 or edit). Assigning it (交办) is its own command, <see cref="AssignTaskCommand"/>.</summary>
public sealed class TaskForm
{
    public int Id { get; set; }

    public long Version { get; set; }

    public int ProblemId { get; set; }

    public string Measure { get; set; } = "";

    public TaskCategory Category { get; set; } = TaskCategory.Deadline;

    public string? LeadLeaderId { get; set; }

    public int? ResponsibleUnitId { get; set; }

    public IEnumerable<int> CooperatingUnitIds { get; set; } = [];

    public string? ResponsiblePersonName { get; set; }

    public DateTime? Deadline { get; set; }
}

/// <summary>
/// The fields of a task. The <see cref="AssignRuleSet"/> rules say what an assignment needs; the form checks them
/// beside the fields when the task is saved and assigned at once (保存并交办).
/// </summary>
public sealed class TaskFormValidator : AbstractValidator<TaskForm>
{
    public const string AssignRuleSet = "Assign";

    public TaskFormValidator()
    {
        RuleFor(t => t.ProblemId).GreaterThan(0).WithMessage("请选择所属问题。");
        RuleFor(t => t.Measure).NotEmpty().WithMessage("请填写整改措施。")
            .MaximumLength(SchemaLimits.LongTextLength).WithMessage("整改措施过长。");
        RuleFor(t => t.ResponsiblePersonName).MaximumLength(SchemaLimits.NameLength).WithMessage("责任人姓名过长。");
        RuleFor(t => t.CooperatingUnitIds).Must((t, ids) => t.ResponsibleUnitId is null || !ids.Contains(t.ResponsibleUnitId.Value))
            .WithMessage("配合单位不能与责任单位相同。");
        RuleSet(AssignRuleSet, () =>
        {
            RuleFor(t => t.LeadLeaderId).NotEmpty().WithMessage("交办须明确牵头领导。");
            RuleFor(t => t.ResponsibleUnitId).NotNull().WithMessage("交办须明确责任单位。");
            RuleFor(t => t.Deadline).NotNull().When(t => t.Category != TaskCategory.LongTerm).WithMessage("交办须明确整改时限。");
        });
    }
}

/// <summary>交办: a registered task goes to its responsible unit. <see cref="Version"/> is what the user saw.</summary>
public sealed class AssignTaskCommand
{
    public int TaskId { get; set; }

    public long Version { get; set; }
}

public sealed class AssignTaskCommandValidator : AbstractValidator<AssignTaskCommand>
{
    public AssignTaskCommandValidator() =>
        RuleFor(c => c.TaskId).GreaterThan(0).WithMessage("请选择要交办的任务。");
}
