using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Web.Features.Tasks;

/// <summary>How history records read in Chinese.</summary>
public static class HistoryText
{
    public static string Action(string action) =>
        Enum.TryParse<TaskAction>(action, out var a) ? TaskNames.DisplayName(a) : action switch
        {
            HistoryActions.Register => "登记",
            HistoryActions.Edit => "修改",
            HistoryActions.Progress => "报送进展",
            HistoryActions.Urge => "催办",
            HistoryActions.Upload => "上传材料",
            HistoryActions.Download => "下载材料",
            HistoryActions.RemoveEvidence => "删除材料",
            HistoryActions.Create => "创建",
            HistoryActions.CreateAspect => "新增方面",
            HistoryActions.EditAspect => "修改方面",
            HistoryActions.CreateProblem => "新增问题",
            HistoryActions.EditProblem => "修改问题",
            HistoryActions.MoveProblem => "移动问题",
            HistoryActions.DeleteAspect => "删除方面",
            HistoryActions.DeleteProblem => "删除问题",
            HistoryActions.Import => "导入",
            "Report" => "导出报表",
            HistoryActions.Denied => "越权访问",
            _ => action,
        };

    public static string Transition(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string Name(string? s) => Enum.TryParse<TaskState>(s, out var st) ? TaskNames.DisplayName(st) : "";
        return entry.ToState is null ? "" : entry.FromState is null ? Name(entry.ToState) : $"{Name(entry.FromState)} → {Name(entry.ToState)}";
    }
}
