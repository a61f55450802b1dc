namespace RectificationTracker.Web.Features.Rounds;

/// <summary>Which correction of the issue list a dialog makes (<see cref="IssueListCorrectionHandler"/>).</summary>
public enum IssueListCorrection
{
    EditAspect,
    EditProblem,
    MoveProblem,
    DeleteAspect,
    DeleteProblem,
}

/// <summary>An aspect a problem can be moved to, as the list shows it ("(二)作风建设方面").</summary>
public sealed record AspectChoice(int Id, string Label);
