using System.Globalization;
using System.Text;
using RectificationTracker.Domain.Common;

namespace RectificationTracker.Domain.Tests.Intake;

/// <summary>Builds a long feedback document (about a page per five problems) with page footers in it.</summary>
internal static class LargeFeedbackDocument
{
    public static string Build(int aspects, int problemsPerAspect, out int problemCount)
    {
        var text = new StringBuilder();
        text.Append("关于巡察某县某局党组的反馈意见\n一、对党组的整体评价\n党组班子团结,工作成效比较明显。\n二、存在的主要问题\n");
        problemCount = 0;
        var page = 1;
        for (var a = 1; a <= aspects; a++)
        {
            text.Append('(').Append(ChineseNumerals.Format(a)).Append(")第").Append(a.ToString(CultureInfo.InvariantCulture)).Append("个方面的问题\n");
            for (var p = 1; p <= problemsPerAspect; p++)
            {
                problemCount++;
                text.Append(problemCount.ToString(CultureInfo.InvariantCulture))
                    .Append(".第").Append(problemCount.ToString(CultureInfo.InvariantCulture)).Append("个问题的标题。")
                    .Append("一是学习方式有待丰富,大多是传达文件精神,很少进行交流研讨,也缺乏深层次的专家解读。")
                    .Append("二是学习内容不够充实,优化营商环境、支持民营经济发展等内容学习的不够多。")
                    .Append("三是学习实效有欠缺,有时遇到问题不能从中寻找答案、汲取力量,对干警思想政治工作的力度还有欠缺。\n");
                if (problemCount % 5 == 0)
                {
                    text.Append("- ").Append(page.ToString(CultureInfo.InvariantCulture)).Append(" -\n关于巡察某县某局党组的反馈意见\n");
                    page++;
                }
            }
        }

        text.Append("三、意见建议\n(一)强化学习。一是完善学习制度。\n(二)转变作风。\n");
        return text.ToString();
    }
}
