using RectificationTracker.Domain.History;
using RectificationTracker.Domain.Tasks;

namespace RectificationTracker.Web.Features.Tasks;

/// <summary>How history records read in Chinese.</summary>
public static class HistoryText
{
    public static string Action(string action) =>
        Enum.TryParse<TaskAction>(action, out var a) ? TaskNames.DisplayName(a) : action switch
        {
            "Register" => "登记",
            "Edit" => "修改",
            "Progress" => "报送进展",
            "Upload" => "上传材料",
            "Download" => "下载材料",
            "RemoveEvidence" => "删除材料",
            "Create" => "创建",
            "CreateAspect" => "新增方面",
            "EditAspect" => "修改方面",
            "CreateProblem" => "新增问题",
            "EditProblem" => "修改问题",
            "Import" => "导入",
            "Report" => "导出报表",
            "Denied" => "越权访问",
            _ => action,
        };

    public static string Transition(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string Name(string? s) => Enum.TryParse<TaskState>(s, out var st) ? TaskNames.DisplayName(st) : "";
        return entry.ToState is null ? "" : entry.FromState is null ? Name(entry.ToState) : $"{Name(entry.FromState)} → {Name(entry.ToState)}";
    }
}
