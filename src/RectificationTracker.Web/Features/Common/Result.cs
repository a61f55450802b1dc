using FluentValidation.Results;

namespace RectificationTracker.Web.Features.Common;

/// <summary>
/// What a handler returns to a page: success, or a message and/or field errors (property name →
/// Chinese messages) that the page shows beside the fields. Nothing is written on failure.
/// </summary>
public sealed record Result(bool Succeeded, string? Message, IReadOnlyDictionary<string, string[]> FieldErrors)
{
    private static readonly Dictionary<string, string[]> None = [];

    public static Result Ok(string? message = null) => new(true, message, None);

    public static Result<T> Success<T>(T value, string? message = null) => new(Ok(message), value);

    public static Result Fail(string message) => new(false, message, None);

    public static Result Invalid(ValidationResult validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var errors = validation.Errors
            .GroupBy(e => e.PropertyName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        return new(false, "请检查填写的内容:" + string.Join(";", errors.Values.SelectMany(v => v).Take(3)), errors);
    }

    /// <summary>A concurrent edit was detected; the page keeps what the user typed.</summary>
    public static Result Conflict() =>
        Fail("保存失败:该记录刚刚已被其他人修改。您填写的内容仍保留在页面上,请刷新查看最新内容后再提交。");
}

/// <summary>A result carrying a value (e.g. the id of what was created).</summary>
public sealed record Result<T>(Result Outcome, T? Value)
{
    public bool Succeeded => Outcome.Succeeded;

#pragma warning disable CA2225 // the conversion is the point: a handler returns a failed Result where a Result<T> is expected
    public static implicit operator Result<T>(Result outcome) => new(outcome, default);
#pragma warning restore CA2225
}
