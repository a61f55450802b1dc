using RectificationTracker.Domain.Tasks;
using static RectificationTracker.Domain.Tasks.TaskCategory;
using static RectificationTracker.Web.Data.Seed.DemoPlan;

namespace RectificationTracker.Web.Data.Seed;

/// <summary>How far a demo task's life has gone; the seeder walks the real transitions to get there.</summary>
internal enum DemoPlan
{
    /// <summary>登记, not yet assigned.</summary>
    Registered,

    /// <summary>Assigned, no progress reported yet.</summary>
    Assigned,

    /// <summary>Assigned, recent progress reports.</summary>
    InProgress,

    /// <summary>Assigned, last progress more than 14 days ago (yellow light).</summary>
    Stale,

    AwaitingReview,
    AwaitingSignOff,
    Closed,

    /// <summary>Applied, returned by the office, reworking (in progress).</summary>
    ReturnedFromReview,

    /// <summary>Applied, approved, returned by the leader, reworking (in progress).</summary>
    ReturnedFromSignOff,

    /// <summary>Returned once, applied again, closed.</summary>
    ClosedAfterReturn,

    /// <summary>Closed, then put back on the ledger (重新挂账).</summary>
    Reopened,
}

/// <summary>A rule made or revised (建章立制).</summary>
internal sealed record DemoRule(string Title, bool IsRevision = false);

/// <summary>
/// A demo task. <see cref="Unit"/> is a key of the unit map ("第一检察部", "东岭县人民检察院",
/// "东岭县人民检察院/综合办公室"); <see cref="Leader"/> a demo user name; the deadline is today plus
/// <see cref="DeadlineDays"/>. "{年}" in texts becomes the current year.
/// </summary>
internal sealed record DemoTask(string Measure, string Unit, TaskCategory Category, int DeadlineDays, string Leader, DemoPlan Plan)
{
    public string[] Progress { get; init; } = [];

    public string? Summary { get; init; }

    public string[] Evidence { get; init; } = [];

    public decimal FundsWan { get; init; }

    public int People { get; init; }

    public string? AccountabilityKinds { get; init; }

    public DemoRule[] Rules { get; init; } = [];
}

/// <summary>A problem of the city round: <see cref="Unit"/> is the inspected unit the problem was found in.</summary>
internal sealed record DemoProblem(int Aspect, string Unit, string Finding, string Detail, DemoTask[] Tasks)
{
    public string Title => Unit + Finding;
}

/// <summary>The words of the two demo campaigns. Names of people are fictional.</summary>
internal static class DemoCampaignContent
{
    public const string County = "东岭县人民检察院";
    private const string CountyOffice = County + "/综合办公室";
    private const string CountyCriminal = County + "/刑事检察部";
    private const string CountyCivil = County + "/民事行政检察部";
    private const string CountyPublic = County + "/公益诉讼检察部";
    private const string West = "西河县人民检察院";
    private const string WestOffice = West + "/综合办公室";
    private const string Root = DemoOrganisation.RootName;

    // ---------------------------------------------------------------- Round A (seed 003)

    public const string RoundAName = "县委第一巡察组对东岭县人民检察院党组巡察“回头看”";
    public const string RoundABody = "县委第一巡察组";

    /// <summary>Responsible persons (责任人) of the county's departments; 黄磊 is the demo user <c>county</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Persons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [County] = "黄磊",
        [CountyOffice] = "黄磊",
        [CountyCriminal] = "宋涛",
        [CountyCivil] = "韩雪",
        [CountyPublic] = "冯宇",
        [West] = "林峰",
        [WestOffice] = "林峰",
        ["南湖县人民检察院"] = "唐海",
        ["北山县人民检察院"] = "曹敏",
        ["北山县人民检察院/综合办公室"] = "曹敏",
        ["青石县人民检察院"] = "邓辉",
        ["白水县人民检察院"] = "彭丽",
        ["长宁县人民检察院"] = "曾强",
        ["永安县人民检察院"] = "袁芳",
        ["清平县人民检察院"] = "蒋明",
        ["办公室"] = "孙丽",
        ["政治部"] = "郑洁",
        ["第一检察部"] = "陈晓",
        ["计划财务装备部"] = "吴刚",
        ["检务督察部"] = "谢军",
        ["案件管理部"] = "于洋",
    };

    /// <summary>The tasks of the 14 problems of seed 003, in problem order.</summary>
    public static readonly DemoTask[][] RoundATasks =
    [
        // 1. 学习不全面、不系统
        [
            new("严格落实“第一议题”制度,制定党组理论学习中心组年度学习计划,每季度开展一次专题研讨", CountyOffice, Deadline, -15, "countyleader", Closed)
            {
                Progress = ["已制定{年}年度党组理论学习中心组学习计划,明确12个专题、每季度一次集中研讨。", "已开展第一季度专题研讨,班子成员5人均提交研讨发言材料。"],
                Summary = "已修订党组理论学习中心组学习制度,制定{年}年度学习计划并印发执行;党组会“第一议题”学习已建立台账,首次专题研讨已完成,研讨材料归档。",
                Evidence = ["东岭县院党组理论学习中心组{年}年度学习计划.pdf", "党组理论学习中心组专题研讨现场照片.png"],
                Rules = [new("《党组理论学习中心组学习制度》", IsRevision: true)],
            },
            new("邀请市委党校专家开展优化法治营商环境、乡村振兴专题辅导,全年不少于2次,学习情况纳入党组成员年度述职", CountyOffice, LongTerm, 90, "countyleader", InProgress)
            {
                Progress = ["已与市委党校对接,确定第一次专题辅导题目为“法治化营商环境建设”。", "第一次专题辅导已举办,全院干警46人参加。"],
            },
        ],

        // 2. 贯彻落实上级决策部署存在差距
        [
            new("开展县域“小散乱污”企业污染环境问题专项监督,对发现的线索逐件建立台账,依法制发诉前检察建议", CountyPublic, Deadline, 40, "countyleader", AwaitingReview)
            {
                Progress = ["已会同县生态环境局梳理“小散乱污”企业名单37家,排查线索9条。", "已立案6件,制发诉前检察建议5份。"],
                Summary = "专项监督共排查线索9条,立案6件,制发诉前检察建议5份,已全部回复整改;线索台账和回访记录附后。",
                Evidence = ["小散乱污企业污染环境专项监督线索台账.pdf", "诉前检察建议回复情况汇总.pdf"],
            },
            new("建立服务民营企业联系点制度,梳理涉企案件清单,每半年走访一次联系企业并形成问题解决台账", CountyCriminal, LongTerm, 100, "countyleader", InProgress)
            {
                Progress = ["已确定8家联系企业,班子成员分别联系,首轮走访已完成5家。"],
            },
        ],

        // 3. 履职尽责不够到位
        [
            new("制定民事行政检察工作提升方案,建立行政公益诉讼线索移送和诉前检察建议跟踪回访机制", CountyCivil, Deadline, 20, "countyleader", ReturnedFromReview)
            {
                Progress = ["民事行政检察工作提升方案已经检委会讨论通过。", "已按审核意见补充整理跟踪回访记录,正在收集行政机关回复材料。"],
                Summary = "已制定民事行政检察工作提升方案,建立线索移送和跟踪回访机制。",
                Evidence = ["民事行政检察工作提升方案.pdf"],
            },
            new("开展案件质量评查专项活动,对近两年不起诉、撤回起诉案件逐案评查,评查结果通报全院", CountyCriminal, Deadline, -5, "countyleader", Stale)
            {
                Progress = ["已抽调3名员额检察官组成评查组,完成不起诉案件评查21件,撤回起诉案件评查正在进行。"],
            },
        ],

        // 4. 作风转变不够到位
        [
            new("对照形式主义、官僚主义十种表现开展自查,建立问题清单逐项整改;院领导每月带队开展作风纪律督察", CountyOffice, Immediate, -20, "countyleader", Closed)
            {
                Progress = ["已完成自查,梳理形式主义、官僚主义问题7个,形成问题清单。"],
                Summary = "自查发现的7个问题已全部整改;院领导每月带队督察已形成制度,已开展督察2次并通报。",
                Evidence = ["形式主义官僚主义问题自查清单及整改情况.pdf", "作风纪律督察通报.pdf"],
            },
        ],

        // 5. 服务群众意识有所弱化
        [
            new("规范乡镇检务工作站运行,制定《检务工作站工作规范》,明确每月驻站接访日,建立群众诉求登记、办理、回访台账", CountyOffice, Deadline, 30, "countyleader", AwaitingSignOff)
            {
                Progress = ["《检务工作站工作规范》已起草,正在征求各乡镇意见。", "6个乡镇检务工作站已公布驻站接访日,建立诉求登记台账。"],
                Summary = "已印发《检务工作站工作规范》,6个检务工作站每月固定驻站接访,登记群众诉求23件,已办结21件并全部回访。",
                Evidence = ["检务工作站工作规范.pdf", "检务工作站驻站接访照片.png"],
                Rules = [new("《检务工作站工作规范》")],
            },
        ],

        // 6. 创先争优意识不强
        [
            new("开展“争当业务能手、争创品牌工作”活动,组织业务竞赛和优秀案件评选,评选结果纳入干警年度考核", CountyOffice, LongTerm, 100, "countyleader", Registered),
        ],

        // 7. 主体责任落实空乏
        [
            new("修订党组落实全面从严治党主体责任清单,党组书记、班子成员签订党风廉政建设责任书,每半年专题研究一次党建工作", CountyOffice, Immediate, -18, "countyleader", Closed)
            {
                Summary = "已修订主体责任清单和班子成员“一岗双责”清单,签订责任书5份;党组已召开党建工作专题会议1次。",
                Evidence = ["党组落实全面从严治党主体责任清单.pdf", "党风廉政建设责任书签订现场照片.png"],
                Rules = [new("《党组落实全面从严治党主体责任清单》", IsRevision: true)],
            },
            new("建立党建与业务工作同谋划、同部署、同考核机制,将党性教育、纪律教育、警示教育纳入年度工作计划", CountyOffice, LongTerm, 60, "countyleader", Reopened)
            {
                Progress = ["年度工作计划已将党性教育、警示教育列为专章。"],
                Summary = "党建与业务同考核办法已印发,年度工作计划已纳入党性教育、纪律教育、警示教育内容。",
                Evidence = ["党建与业务工作融合考核办法.pdf"],
            },
        ],

        // 8. 干部监督管理不到位
        [
            new("制定干警“八小时以外”行为监督管理办法,建立家访、谈心谈话制度,对违反中央八项规定精神问题严肃追责", CountyOffice, Deadline, -10, "countyleader", ClosedAfterReturn)
            {
                Progress = ["已完成全院干警家访38户,开展谈心谈话52人次。", "已按审签意见补充追责处理决定文书。"],
                Summary = "已印发《干警“八小时以外”行为监督管理办法》;对巡察发现的2名干警违反中央八项规定精神问题分别给予诫勉谈话、批评教育处理。",
                Evidence = ["干警八小时以外行为监督管理办法.pdf", "家访及谈心谈话记录汇总.pdf"],
                People = 2,
                AccountabilityKinds = "诫勉谈话1人、批评教育1人",
                Rules = [new("《干警“八小时以外”行为监督管理办法》")],
            },
        ],

        // 9. 廉政风险防控机制不健全
        [
            new("梳理各岗位廉政风险点,分岗位开展针对性廉政教育,每半年组织一次警示教育大会", CountyOffice, LongTerm, 80, "countyleader", AwaitingReview)
            {
                Progress = ["已梳理岗位廉政风险点46个,制定防控措施58条。"],
                Summary = "岗位廉政风险点和防控措施已汇编成册;上半年警示教育大会已召开,组织旁听职务犯罪庭审1次。阶段性目标已完成,后续纳入日常工作持续推进。",
                Evidence = ["岗位廉政风险点及防控措施汇编.pdf", "警示教育大会现场照片.png"],
            },
            new("完善检察官联席会议制度和办案核心数据通报制度,建立公开听证员人才库,严格落实“三个规定”记录报告", CountyCriminal, Deadline, 10, "countyleader", AwaitingSignOff)
            {
                Progress = ["检察官联席会议制度修订稿已提交检委会审议。", "公开听证员人才库已入库听证员15名。"],
                Summary = "已修订检察官联席会议制度,建立核心数据月通报制度,公开听证员人才库入库15人;“三个规定”实行每月零报告。",
                Evidence = ["检察官联席会议工作规定.pdf", "公开听证员人才库名册.pdf"],
                Rules = [new("《检察官联席会议工作规定》", IsRevision: true), new("《公开听证员人才库管理办法》")],
            },
        ],

        // 10. 民主集中制执行还有不足
        [
            new("修订党组议事规则,明确“三重一大”事项范围和集体决策程序,做到会前充分酝酿、会议记录完整规范", CountyOffice, Immediate, -12, "countyleader", Closed)
            {
                Summary = "已修订党组议事规则,制定“三重一大”事项集体决策实施办法,党组会议记录统一使用规范模板。",
                Evidence = ["党组议事规则.pdf", "三重一大事项集体决策实施办法.pdf"],
                Rules = [new("《党组议事规则》", IsRevision: true), new("《“三重一大”事项集体决策实施办法》")],
            },
        ],

        // 11. 执行党内政治生活制度要求不严
        [
            new("召开巡察整改专题民主生活会,班子成员逐一对照检查、开展批评和自我批评;规范“三会一课”记录", CountyOffice, Immediate, -20, "countyleader", Closed)
            {
                Summary = "巡察整改专题民主生活会已召开,班子成员相互批评意见28条;“三会一课”记录已统一规范。",
                Evidence = ["巡察整改专题民主生活会情况报告.pdf", "专题民主生活会现场照片.png"],
            },
            new("落实领导干部双重组织生活制度,丰富主题党日活动载体,规范开展民主评议党员", CountyOffice, LongTerm, 70, "countyleader", InProgress)
            {
                Progress = ["班子成员已全部编入所在支部参加组织生活,本季度主题党日活动已开展。"],
            },
        ],

        // 12. 队伍管理机制不完善,优秀人才缺乏
        [
            new("制定青年干警培养三年规划,实行“导师制”传帮带,选派业务骨干参加上级院跟班学习", CountyOffice, LongTerm, 100, "countyleader", Registered),
            new("建立员额检察官“案-件比”等办案质效指标季度通报制度,对质效偏低的检察官约谈提醒", CountyCriminal, Deadline, 15, "countyleader", AwaitingReview)
            {
                Progress = ["已完成第一季度办案质效指标统计和通报。"],
                Summary = "办案质效指标季度通报制度已建立,第一季度通报已印发,对2名质效偏低的检察官进行了约谈提醒。",
                Evidence = ["员额检察官办案质效季度通报.pdf"],
            },
        ],

        // 13. 规章制度落实不严格
        [
            new("对现行40余项规章制度开展清理评估,废止、修订不适应的制度并汇编成册;开展保密知识专题培训和保密检查", CountyOffice, Deadline, -3, "countyleader", InProgress)
            {
                Progress = ["已完成43项制度的清理评估,拟废止5项、修订11项。", "保密知识专题培训已举办,制度汇编正在印制。"],
            },
        ],

        // 14. 财务支出存在不规范现象
        [
            new("全面清查近三年财务支出,对应用未用公务卡结算和手续不全的票据逐笔核查整改,违规款项全部清退", CountyOffice, Immediate, -15, "countyleader", Closed)
            {
                Progress = ["已清查近三年报销凭证1260笔,发现应用未用公务卡结算41笔、手续不全17笔。"],
                Summary = "清查发现的58笔问题支出已逐笔整改,违规款项3.26万元已全部清退;对相关责任人批评教育1人;制定公务卡强制结算目录管理办法。",
                Evidence = ["近三年财务支出清查及整改情况报告.pdf", "违规款项清退缴款凭证.png"],
                FundsWan = 3.26m,
                People = 1,
                AccountabilityKinds = "批评教育1人",
                Rules = [new("《公务卡强制结算目录管理办法》")],
            },
            new("修订财务报销管理制度,严格执行经手人、证明人、审批人签字制度,每季度开展一次财务内审", CountyOffice, Deadline, 25, "countyleader", AwaitingSignOff)
            {
                Progress = ["财务报销管理制度修订稿已经党组会审议通过。"],
                Summary = "已修订财务报销管理制度,报销凭证一律由经手人、证明人、审批人签字;第一季度财务内审已完成,未发现新问题。",
                Evidence = ["财务报销管理制度.pdf", "第一季度财务内审报告.pdf"],
                Rules = [new("《财务报销管理制度》", IsRevision: true)],
            },
        ],
    ];

    // ---------------------------------------------------------------- Round B (city round)

    public const string RoundBName = "市委第二巡察组对江城市两级检察院常规巡察";
    public const string RoundBBody = "市委第二巡察组";

    public static readonly string[] RoundBAspects =
    [
        "落实全面从严治党主体责任不到位",
        "执行中央八项规定精神不严格",
        "选人用人和队伍建设存在短板",
        "财务管理和资产管理不规范",
        "落实意识形态工作责任制有差距",
    ];

    public const string RoundBNotes =
        "一、总体评价\n市检察院党组能够认真贯彻落实党中央和省委、市委决策部署,各项检察工作取得一定成效。巡察发现,两级检察院在落实全面从严治党主体责任、执行中央八项规定精神、选人用人和队伍建设、财务和资产管理、意识形态工作等方面还存在一些问题。\n\n"
        + "三、意见建议\n市检察院党组要切实担负起巡察整改主体责任,党组书记履行第一责任人职责,班子成员落实“一岗双责”;建立问题清单、任务清单、责任清单,实行挂图作战、挂账销号和销号审签制度;加强对9个基层检察院整改工作的督导,确保人员责任追究到位、资金清退到位、建章立制到位。";

    public static readonly DemoProblem[] RoundBProblems =
    [
        // (一) 落实全面从严治党主体责任不到位
        new(1, Root, "党组理论学习中心组学习流于形式,研讨交流不深入", "中心组集中学习以传达文件为主,一年仅开展专题研讨2次,班子成员发言材料针对性不强。",
        [
            new("修订党组理论学习中心组学习规则,每季度至少开展一次专题研讨,班子成员提交研讨发言材料", "办公室", Deadline, 10, "leader", Closed)
            {
                Rules = [new("《党组理论学习中心组学习规则》", IsRevision: true)],
                Evidence = ["市院党组理论学习中心组学习规则.pdf", "中心组专题研讨现场照片.png"],
            },
            new("建立“第一议题”学习贯彻落实台账,逐项明确贯彻措施、责任部门和完成时限", "办公室", LongTerm, 80, "leader", AwaitingSignOff),
        ]),
        new(1, Root, "落实“三个规定”记录报告不及时、不全面", "部分部门连续多月零报告,抽查发现个别过问案件情况未如实记录。",
        [
            new("组织全院干警逐月填报“三个规定”记录报告,对零报告部门开展抽查核实", "第一检察部", LongTerm, 60, "leader", InProgress),
            new("将“三个规定”填报情况纳入检察官业绩考评,对应报未报的予以通报", "政治部", Deadline, 30, "leader3", AwaitingReview),
        ]),
        new(1, Root, "第一检察部案件质量评查发现问题整改跟踪不到位", "近两年评查发现的瑕疵案件未逐案跟踪整改,不捕不诉说理不充分。",
        [
            new("对近两年评查发现的瑕疵案件逐案建立整改台账,每月跟踪销号", "第一检察部", Deadline, -8, "leader2", Stale),
            new("完善不捕不诉案件释法说理制度,制定《不起诉案件释法说理工作指引》", "第一检察部", Deadline, 45, "leader2", InProgress),
        ]),
        new(1, County, "党组落实全面从严治党主体责任清单未及时修订", "主体责任清单仍为机构改革前版本,班子成员“一岗双责”内容不具体。",
        [
            new("修订主体责任清单和班子成员“一岗双责”清单,签订党风廉政建设责任书", CountyOffice, Immediate, -25, "leader", Closed)
            {
                Rules = [new("《党组落实全面从严治党主体责任清单》", IsRevision: true)],
            },
            new("党组每季度专题研究党风廉政建设,班子成员年度述责述廉", County, LongTerm, 90, "leader", InProgress),
        ]),
        new(1, West, "党支部“三会一课”记录不规范,组织生活质量不高", "抽查2个支部“三会一课”记录,存在补记、代记,主题党日形式单一。",
        [
            new("规范“三会一课”记录台账,每季度由机关党委检查通报", WestOffice, Deadline, 20, "leader", AwaitingSignOff),
            new("开展党支部书记轮训,提升组织生活质量", West, LongTerm, 85, "leader3", InProgress),
        ]),
        new(1, "南湖县人民检察院", "上轮巡察反馈问题整改不彻底,个别问题反弹", "上轮巡察反馈的公务用车管理问题整改后再次出现。",
        [
            new("对上轮巡察反馈问题逐项“回头看”,建立整改销号清单", "南湖县人民检察院", Deadline, -15, "leader", Assigned),
            new("对整改不力导致问题反弹的责任人严肃追责问责", "南湖县人民检察院", Immediate, 5, "leader", Registered),
        ]),
        new(1, "北山县人民检察院", "党建与业务融合不深,存在“两张皮”现象", "党建考核与业务考核各自进行,党建活动与办案工作结合不紧。",
        [
            new("制定党建与业务融合考核办法,开展“一支部一品牌”创建", "北山县人民检察院/综合办公室", LongTerm, 70, "leader", Registered),
        ]),
        new(1, Root, "全面从严治党压力传导层层递减,对基层院指导督促不够", "市院对基层院党风廉政建设情况缺少常态化督导,个别基层院问题长期未解决。",
        [
            new("建立市院领导联系基层院制度,每半年听取一次基层院全面从严治党工作汇报", "办公室", LongTerm, 90, "leader", ReturnedFromSignOff),
        ]),
        new(1, "青石县人民检察院", "廉政风险防控机制不健全,岗位风险点排查不全面", "廉政风险点排查仅覆盖业务部门,综合部门岗位未排查。",
        [
            new("分岗位梳理廉政风险点并制定防控措施,汇编成册", "青石县人民检察院", Deadline, 15, "leader", Assigned),
        ]),

        // (二) 执行中央八项规定精神不严格
        new(2, West, "公务接待审批手续不全,存在无公函接待现象", "抽查近两年公务接待34批次,无公函接待5批次,接待清单填写不完整。",
        [
            new("对近三年公务接待逐笔核查,补正审批手续,无公函接待费用由当事人退回", WestOffice, Immediate, -20, "leader2", Closed)
            {
                FundsWan = 0.86m, People = 1, AccountabilityKinds = "诫勉谈话1人",
                Evidence = ["西河县院公务接待专项核查报告.pdf", "违规接待费用退款凭证.png"],
            },
            new("修订《公务接待管理办法》,实行接待清单和审批单“一事一单”", WestOffice, Deadline, 10, "leader2", AwaitingReview)
            {
                Rules = [new("《公务接待管理办法》", IsRevision: true)],
            },
        ]),
        new(2, County, "公务用车使用登记不规范,存在公车私用风险", "派车单与行车记录不一致,节假日公务用车未封存。",
        [
            new("安装公务用车定位系统,实行派车单和行车记录“一车一档”", CountyOffice, Deadline, -5, "leader2", AwaitingReview),
            new("修订《公务用车管理办法》,明确派车审批和节假日封存制度", CountyOffice, Deadline, 40, "leader2", InProgress),
        ]),
        new(2, Root, "会议费、培训费支出超标准", "2项培训班住宿费超过标准,1次会议会期超过计划。",
        [
            new("对近两年会议费、培训费逐项核查,超标准部分按规定清退", "计划财务装备部", Immediate, -20, "leader2", Closed)
            {
                FundsWan = 1.42m,
                Rules = [new("《会议费和培训费管理办法》", IsRevision: true)],
            },
            new("建立会议费、培训费预算执行月度分析制度", "计划财务装备部", LongTerm, 80, "leader2", AwaitingReview),
        ]),
        new(2, "白水县人民检察院", "违规发放津补贴,福利费列支不规范", "自行设立加班补助项目,福利费列支节日慰问品。",
        [
            new("全面清理自行设立的津补贴项目,违规发放款项限期清退", "白水县人民检察院", Immediate, -10, "leader2", Assigned),
        ]),
        new(2, "长宁县人民检察院", "节假日期间廉政提醒和监督检查不到位", "重要节假日前未开展廉政提醒,检务督察未开展节日明察暗访。",
        [
            new("节假日前开展廉政提醒谈话,检务督察部门开展明察暗访", "长宁县人民检察院", LongTerm, 60, "leader2", Registered),
        ]),
        new(2, Root, "公务接待超标准、陪餐人数超规定", "抽查接待清单,3批次陪餐人数超过规定,1批次使用现金结算。",
        [
            new("修订机关公务接待管理规定,明确接待标准和陪餐人数,接待费一律使用公务卡结算", "办公室", Deadline, 5, "leader2", AwaitingSignOff),
            new("检务督察部每季度抽查公务接待清单,发现问题及时通报", "检务督察部", LongTerm, 90, "leader2", Assigned),
        ]),
        new(2, County, "违规使用公务加油卡", "个别公务加油卡加油记录与车辆行驶里程不符。",
        [
            new("对公务加油卡逐卡核对用油记录,违规加油费用追回并严肃处理", CountyOffice, Immediate, -18, "leader2", ClosedAfterReturn)
            {
                FundsWan = 0.53m, People = 1, AccountabilityKinds = "批评教育1人",
            },
        ]),
        new(2, "永安县人民检察院", "“四风”问题监督检查流于形式", "“四风”问题检查以自查为主,未发现问题即报“零问题”。",
        [
            new("制定“四风”问题常态化监督检查方案,每季度开展一次专项检查", "永安县人民检察院", Deadline, 25, "leader2", Assigned),
        ]),
        new(2, Root, "文山会海问题仍然存在,向基层要材料过多", "市院全年下发通知要求基层院报送材料120余次,部分数据系统内可查。",
        [
            new("严格控制发文和会议数量,建立市院发文、会议计划审核制度,系统内能查询的数据不再要求基层报送", "办公室", LongTerm, 90, "leader", Closed)
            {
                Rules = [new("《市院发文和会议计划管理办法》")],
            },
        ]),

        // (三) 选人用人和队伍建设存在短板
        new(3, Root, "干部选拔任用动议酝酿记录缺失,程序不够规范", "抽查2批次干部选任,动议环节无书面记录,考察材料不完整。",
        [
            new("修订干部选拔任用工作规程,完善动议、民主推荐、考察等环节全程纪实", "政治部", Deadline, -12, "leader3", Closed)
            {
                Rules = [new("《干部选拔任用工作全程纪实办法》")],
            },
            new("对近三年选任干部档案开展专项核查,补齐缺失材料", "政治部", Deadline, 20, "leader3", AwaitingSignOff),
        ]),
        new(3, Root, "干部人事档案专项审核不彻底,部分档案材料缺失", "抽查干部人事档案20卷,4卷缺少学历证明材料。",
        [
            new("开展干部人事档案专项审核“回头看”,对“三龄两历一身份”逐人复核", "政治部", Deadline, 35, "leader3", ReturnedFromReview),
            new("建立干部人事档案“凡进必审”制度", "政治部", LongTerm, 90, "leader3", Closed)
            {
                Rules = [new("《干部人事档案“凡进必审”实施办法》")],
            },
        ]),
        new(3, West, "领导干部个人有关事项报告不如实", "随机抽查核实发现2人漏报房产信息。",
        [
            new("对填报不一致人员逐一核实,依规依纪作出处理", West, Immediate, -20, "leader3", Closed)
            {
                People = 2, AccountabilityKinds = "诫勉谈话1人、批评教育1人",
            },
            new("开展个人有关事项报告专题培训,规范如实填报", West, LongTerm, 60, "leader3", Closed),
        ]),
        new(3, Root, "年轻干部培养力度不够,业务骨干断层", "35岁以下员额检察官仅占12%,业务专家后继乏人。",
        [
            new("制定年轻干部培养三年规划,实行业务导师制,每年选派骨干到上级院跟班学习", "政治部", LongTerm, 90, "leader3", InProgress),
            new("开展优秀公诉人、优秀办案团队评选,建立业务专家人才库", "第一检察部", LongTerm, 80, "leader3", InProgress),
        ]),
        new(3, "清平县人民检察院", "检察官业绩考评结果运用不充分", "考评结果未与评优评先、等级晋升挂钩。",
        [
            new("完善检察官业绩考评办法,考评结果与评优评先、等级晋升挂钩", "清平县人民检察院", Deadline, 40, "leader3", Assigned),
        ]),
        new(3, County, "干警教育培训针对性不强", "培训以集中听课为主,民事、行政、公益诉讼业务培训偏少。",
        [
            new("制定年度教育培训计划,围绕“四大检察”开展岗位练兵", CountyCriminal, LongTerm, 75, "leader3", InProgress),
        ]),
        new(3, "南湖县人民检察院", "员额检察官办案质效差距较大", "员额检察官“案-件比”最高与最低相差近一倍。",
        [
            new("建立员额检察官办案质效指标季度通报和约谈提醒制度", "南湖县人民检察院", Deadline, 30, "leader3", Assigned),
        ]),
        new(3, "北山县人民检察院", "干部队伍年龄结构老化,后备干部储备不足", "中层干部平均年龄51岁,后备干部名单长期未调整。",
        [
            new("开展干部队伍结构分析研判,制定后备干部培养计划", "北山县人民检察院", LongTerm, 90, "leader3", Assigned),
        ]),

        // (四) 财务管理和资产管理不规范
        new(4, Root, "公务卡强制结算目录执行不到位,现金支付比例偏高", "目录内支出使用现金结算占比达18%。",
        [
            new("修订公务卡强制结算目录,目录内支出一律使用公务卡结算,每月统计现金支出比例", "计划财务装备部", Immediate, -20, "leader2", Closed)
            {
                Rules = [new("《公务卡强制结算目录管理办法》")],
                Evidence = ["市院公务卡强制结算目录管理办法.pdf", "现金支出比例月度统计表.pdf"],
            },
            new("对近两年现金支出逐笔复核,手续不全的补正或追责", "计划财务装备部", Deadline, 15, "leader", AwaitingSignOff),
        ]),
        new(4, Root, "固定资产账实不符,部分资产未及时入账", "抽查办公设备50台,7台未登记入账,3台已报废未销账。",
        [
            new("开展固定资产全面清查盘点,账实不符资产逐项查明原因并调账", "计划财务装备部", Deadline, 25, "leader2", AwaitingReview),
            new("建立资产配置、使用、处置全流程管理台账", "计划财务装备部", LongTerm, 90, "leader2", InProgress),
        ]),
        new(4, County, "票据报销手续不完善,存在无经手人签字报销", "抽查报销凭证200笔,无经手人签字12笔,无领导审批3笔。",
        [
            new("逐笔核查近三年报销凭证,补齐经手人、证明人、审批人签字", CountyOffice, Immediate, -15, "leader", AwaitingSignOff),
            new("修订财务报销审批制度,每季度开展一次财务内审", CountyOffice, Deadline, 30, "leader2", InProgress),
        ]),
        new(4, West, "政府采购程序不规范,存在化整为零规避招标", "同一年度办公家具分3次采购,规避公开招标。",
        [
            new("对近三年采购项目开展专项检查,完善采购内控制度", WestOffice, Deadline, 30, "leader2", Stale),
            new("建立采购项目全过程留痕台账", WestOffice, LongTerm, 90, "leader2", Registered),
        ]),
        new(4, Root, "涉案财物管理不规范,台账登记不完整", "抽查涉案财物30件,5件未登记入库时间,2件保管位置与台账不符。",
        [
            new("对涉案财物逐件清点核对,补登台账,实行涉案财物统一管理", "案件管理部", Deadline, -3, "leader2", Assigned),
        ]),
        new(4, "白水县人民检察院", "往来款项长期挂账未清理", "其他应付款中3年以上挂账款项6笔。",
        [
            new("清理往来款项,长期挂账款项逐笔核实并按规定处理", "白水县人民检察院", Deadline, 20, "leader2", Assigned),
        ]),
        new(4, "永安县人民检察院", "专项资金使用绩效评价缺失", "司法救助等专项资金未开展绩效评价。",
        [
            new("开展专项资金使用绩效自评,评价结果报市院备案", "永安县人民检察院", Deadline, 45, "leader2", Registered),
        ]),
        new(4, County, "罚没款项上缴不及时", "部分罚没款项滞留账户超过3个月。",
        [
            new("清理罚没款项并及时上缴国库,建立罚没收入台账", CountyOffice, Immediate, -20, "leader2", Closed)
            {
                FundsWan = 2.15m,
                Evidence = ["罚没款项上缴国库凭证.png", "罚没收入台账.pdf"],
            },
        ]),

        // (五) 落实意识形态工作责任制有差距
        new(5, Root, "意识形态工作专题研究次数不足,分析研判不深入", "党组全年专题研究意识形态工作1次,未开展形势分析研判。",
        [
            new("党组每半年专题研究一次意识形态工作,每季度开展意识形态领域形势分析", "办公室", LongTerm, 90, "leader", AwaitingSignOff),
            new("将意识形态工作纳入基层院年度考核,开展意识形态工作专项检查", "政治部", LongTerm, 85, "leader", Closed),
        ]),
        new(5, Root, "网络舆情应对处置机制不健全", "涉检舆情监测依靠人工,研判处置缺少闭环。",
        [
            new("制定涉检网络舆情应对处置预案,建立舆情监测、研判、处置闭环机制", "办公室", Deadline, 15, "leader", Reopened),
            new("建立重大敏感案件舆情风险评估制度", "第一检察部", Deadline, 40, "leader", AwaitingReview),
        ]),
        new(5, West, "检察新媒体平台内容审核把关不严", "微信公众号发布信息未严格执行审核程序,出现文字差错。",
        [
            new("落实新媒体信息发布“三审三校”制度", WestOffice, Immediate, -20, "leader", Closed)
            {
                Rules = [new("《新媒体信息发布审核管理办法》", IsRevision: true)],
            },
            new("开展新媒体运维人员专题培训", WestOffice, LongTerm, 60, "leader", AwaitingReview),
        ]),
        new(5, County, "意识形态阵地管理存在薄弱环节", "院内宣传栏内容更新不及时,工作微信群缺少管理规定。",
        [
            new("对院内宣传栏、电子屏、工作微信群开展排查,落实阵地管理责任", County, Deadline, 10, "leader", ReturnedFromReview),
        ]),
        new(5, "青石县人民检察院", "意识形态工作责任制考核未落实", "意识形态工作未纳入部门年度考核。",
        [
            new("将意识形态工作纳入部门年度考核", "青石县人民检察院", Deadline, 35, "leader", Registered),
        ]),
        new(5, "清平县人民检察院", "干警网络行为教育管理不到位", "个别干警在朋友圈转发不当言论。",
        [
            new("开展干警网络行为规范专题教育,全员签订承诺书", "清平县人民检察院", Immediate, -6, "leader", Assigned),
        ]),
    ];

    /// <summary>Progress reports for tasks that bring none of their own.</summary>
    public static readonly string[] ProgressPool =
    [
        "已召开专题会议研究部署,制定整改工作方案,明确责任人和完成时限。",
        "已完成前期摸底排查,形成问题清单,正在逐项推进整改。",
        "相关制度草案已起草完成,正在征求各部门意见。",
        "已完成阶段性任务,整改台账已更新,佐证材料正在收集整理。",
        "已组织专题学习培训,相关人员全部参加,整改措施正在落实。",
        "已对照整改措施逐项自查,完成进度约七成,剩余事项按计划推进。",
    ];

    public static readonly string[] ReviewReturnReasons =
    [
        "佐证材料仅有方案文本,缺少执行记录和跟踪回访材料,请补充后重新申请。",
        "整改情况说明过于笼统,未逐项对应整改措施,请细化后重新申请。",
    ];

    public static readonly string[] SignOffReturnReasons =
    [
        "整改措施刚开始执行,尚未形成完整的运行记录,请持续落实一个周期后再申请销号。",
        "追责问责情况说明不完整,请补充处理决定文书后再申请。",
    ];

    public static readonly string[] ReopenReasons =
    [
        "县委巡察办督导检查发现党建与业务融合考核办法尚未实际执行,问题仍然存在,重新挂账整改。",
        "省院通报一起涉检舆情处置迟缓问题,预案执行不到位,经对账重新挂账整改。",
    ];
}
