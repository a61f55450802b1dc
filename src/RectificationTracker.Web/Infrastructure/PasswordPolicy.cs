using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RectificationTracker.Web.Infrastructure;

/// <summary>
/// The <c>Tracker:Passwords</c> configuration section: the password policy of 等保 2.0 level 3
/// (docs/security.md). Every key is documented in appsettings.sample.json.
/// </summary>
public sealed class PasswordPolicyOptions
{
    public const string Section = "Tracker:Passwords";

    /// <summary>Shortest password accepted.</summary>
    public int MinimumLength { get; set; } = 10;

    /// <summary>How many of the four character classes (upper case, lower case, digit, symbol) a password must mix.</summary>
    public int RequiredCharacterClasses { get; set; } = 3;

    /// <summary>A new password may not be any of this many last passwords (the current one included).</summary>
    public int RememberedPasswords { get; set; } = 5;

    /// <summary>Days after which a password must be changed at the next request; 0 = passwords do not expire.</summary>
    public int MaxAgeDays { get; set; }
}

/// <summary>Why a signed-in user must change the password before doing anything else.</summary>
public enum PasswordChangeReason
{
    /// <summary>A first password set by an administrator (new account, reset) or generated at the first start.</summary>
    Initial,

    /// <summary>Older than <see cref="PasswordPolicyOptions.MaxAgeDays"/>.</summary>
    Expired,
}

/// <summary>
/// The password policy in one place: the rules a new password must meet (checked by the Identity validator
/// <see cref="PolicyPasswordValidator"/> on every path that sets one, and early by the forms' validators), the
/// text shown beside password fields, generated passwords, and whether an account must change its password now.
/// </summary>
public sealed class PasswordPolicy(IOptions<PasswordPolicyOptions> options, IOptions<TrackerOptions> tracker)
{
    public const int MaximumLength = 128;

    private const string Symbols = "!#$%&*+-=?@^_~";

    public PasswordPolicyOptions Options => options.Value;

    private int MinimumLength => Math.Max(1, Options.MinimumLength);

    private int RequiredClasses => Math.Clamp(Options.RequiredCharacterClasses, 1, 4);

    /// <summary>The rules in one sentence, shown beside every password field.</summary>
    public string Description
    {
        get
        {
            var rules = new List<string>
            {
                string.Create(CultureInfo.InvariantCulture, $"至少 {MinimumLength} 位"),
                string.Create(CultureInfo.InvariantCulture, $"须包含大写字母、小写字母、数字、符号四类中的至少 {RequiredClasses} 类"),
            };
            if (Options.RememberedPasswords > 0)
            {
                rules.Add(string.Create(CultureInfo.InvariantCulture, $"不得与最近 {Options.RememberedPasswords} 次使用过的密码(含当前密码)相同"));
            }

            if (Options.MaxAgeDays > 0)
            {
                rules.Add(string.Create(CultureInfo.InvariantCulture, $"每 {Options.MaxAgeDays} 天须修改一次"));
            }

            return string.Join(",", rules) + "。";
        }
    }

    /// <summary>
    /// What is wrong with <paramref name="password"/> as a new password, as Identity errors in the order a user fixes
    /// them (length, then character classes); empty when it meets the policy. Reuse is checked by the validator.
    /// </summary>
    public IReadOnlyList<IdentityError> Check(string? password)
    {
        password ??= "";
        var errors = new List<IdentityError>();
        if (password.Length < MinimumLength)
        {
            errors.Add(Error("PasswordTooShort", string.Create(CultureInfo.InvariantCulture, $"密码至少需要 {MinimumLength} 个字符。")));
        }

        if (password.Length > MaximumLength)
        {
            errors.Add(Error("PasswordTooLong", string.Create(CultureInfo.InvariantCulture, $"密码不能超过 {MaximumLength} 个字符。")));
        }

        var present = Classes(password);
        if (present.Count < RequiredClasses)
        {
            var has = present.Count == 0 ? "无" : string.Join("、", present);
            errors.Add(Error("PasswordCharacterClasses", string.Create(CultureInfo.InvariantCulture,
                $"密码须包含大写字母、小写字母、数字、符号四类中的至少 {RequiredClasses} 类(当前只有:{has})。")));
        }

        return errors;
    }

    /// <summary>True when <paramref name="password"/> meets the length and character-class rules.</summary>
    public bool Meets(string? password) => Check(password).Count == 0;

    /// <summary>
    /// Whether a password that was just used to sign in must be replaced: one that does not meet the policy (set
    /// before the policy, or before it was tightened). The demo accounts' published password is exempt only while
    /// demo seeding is on (<c>Tracker:SeedDemoData</c>), so the demo and its tests keep working; in any other
    /// deployment it is forced out like every weak password.
    /// </summary>
    public bool MustReplaceAtSignIn(string password) =>
        !Meets(password) && !(tracker.Value.SeedDemoData && string.Equals(password, Data.Seed.DemoOrganisation.DemoPassword, StringComparison.Ordinal));

    public static IdentityError ReusedError(int remembered) => Error("PasswordReused", string.Create(CultureInfo.InvariantCulture,
        $"新密码不能与最近 {remembered} 次使用过的密码(含当前密码)相同。"));

    /// <summary>Whether <paramref name="user"/> must change the password before anything else, at <paramref name="nowUtc"/>.</summary>
    public PasswordChangeReason? ChangeRequired(AppUser user, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.MustChangePassword)
        {
            return PasswordChangeReason.Initial;
        }

        // An account older than the password history counts from its creation.
        var changed = user.PasswordChangedAtUtc ?? user.CreatedAtUtc;
        return Options.MaxAgeDays > 0 && changed.AddDays(Options.MaxAgeDays) <= nowUtc
            ? PasswordChangeReason.Expired
            : null;
    }

    /// <summary>The explanation on the change-password page.</summary>
    public string Explain(PasswordChangeReason reason) => reason switch
    {
        PasswordChangeReason.Expired => string.Create(CultureInfo.InvariantCulture,
            $"您的密码已使用超过 {Options.MaxAgeDays} 天,按密码安全规定须修改后才能继续使用系统。"),
        _ => "您正在使用管理员设定或系统生成的初始密码(新开账号、密码被重置或首次启动),按密码安全规定须先修改密码才能继续使用系统。",
    };

    /// <summary>A random password that meets the policy; avoids look-alike characters (0/O, 1/l/I).</summary>
    public string Generate(int length = 14)
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz";
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        var chars = RandomNumberGenerator.GetItems<char>(lower + upper + digits, Math.Max(length, MinimumLength));
        // One of each class in random places: upper, lower, digit and a symbol meet any number of classes required.
        var places = Enumerable.Range(0, chars.Length).ToArray();
        RandomNumberGenerator.Shuffle(places.AsSpan());
        chars[places[0]] = RandomNumberGenerator.GetItems<char>(lower, 1)[0];
        chars[places[1]] = RandomNumberGenerator.GetItems<char>(upper, 1)[0];
        chars[places[2]] = RandomNumberGenerator.GetItems<char>(digits, 1)[0];
        chars[places[3]] = RandomNumberGenerator.GetItems<char>(Symbols, 1)[0];
        return new string(chars);
    }

    /// <summary>Identity's own password options ask for nothing: <see cref="PolicyPasswordValidator"/> applies the policy.</summary>
    public static void Apply(PasswordOptions identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        identity.RequiredLength = 1;
        identity.RequiredUniqueChars = 1;
        identity.RequireDigit = false;
        identity.RequireLowercase = false;
        identity.RequireUppercase = false;
        identity.RequireNonAlphanumeric = false;
    }

    private static List<string> Classes(string password)
    {
        var classes = new List<string>(4);
        if (password.Any(char.IsUpper))
        {
            classes.Add("大写字母");
        }

        if (password.Any(char.IsLower))
        {
            classes.Add("小写字母");
        }

        if (password.Any(char.IsDigit))
        {
            classes.Add("数字");
        }

        if (password.Any(c => !char.IsLetterOrDigit(c)))
        {
            classes.Add("符号");
        }

        return classes;
    }

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
