namespace RectificationTracker.Domain.History;

/// <summary>What a history record is about (<see cref="HistoryEntry.EntityType"/>). Stored as text: never rename a value.</summary>
public static class HistoryEntities
{
    public const string Task = "Task";
    public const string Round = "Round";
    public const string Aspect = "Aspect";
    public const string Problem = "Problem";
    public const string Evidence = "Evidence";
    public const string Report = "Report";
    public const string Unit = "Unit";
    public const string User = "User";
}

/// <summary>
/// The verbs of history records (<see cref="HistoryEntry.Action"/>) other than the workflow's own
/// transitions, which are recorded by their <see cref="Tasks.TaskAction"/> name. Stored as text: never rename a value.
/// </summary>
public static class HistoryActions
{
    public const string Create = "Create";
    public const string Edit = "Edit";
    public const string Register = "Register";
    public const string Progress = "Progress";
    public const string CreateAspect = "CreateAspect";
    public const string EditAspect = "EditAspect";
    public const string CreateProblem = "CreateProblem";
    public const string EditProblem = "EditProblem";
    public const string MoveProblem = "MoveProblem";
    public const string DeleteAspect = "DeleteAspect";
    public const string DeleteProblem = "DeleteProblem";
    public const string Import = "Import";
    public const string ImportFeedback = "ImportFeedback";
    public const string ImportThreeLists = "ImportThreeLists";
    public const string Upload = "Upload";
    public const string Download = "Download";
    public const string RemoveEvidence = "RemoveEvidence";
    public const string Denied = "Denied";
    public const string Activate = "Activate";
    public const string Deactivate = "Deactivate";
    public const string Lock = "Lock";
    public const string Unlock = "Unlock";
    public const string ResetPassword = "ResetPassword";
    public const string Urge = "Urge";
    public const string ChangePassword = "ChangePassword";
}
