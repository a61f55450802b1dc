using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace RectificationTracker.Web.Infrastructure;

/// <summary>
/// The password policy in one place: Identity's options, the validators' early checks, the hint shown
/// beside password fields and generated passwords all follow it.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 128;
    public const int UniqueChars = 4;

    public static string Description { get; } = string.Create(CultureInfo.InvariantCulture,
        $"至少 {MinimumLength} 位,须包含数字和小写字母,且至少有 {UniqueChars} 个不同的字符。");

    public static void Apply(PasswordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequiredLength = MinimumLength;
        options.RequireDigit = true;
        options.RequireLowercase = true;
        options.RequireUppercase = false;
        options.RequireNonAlphanumeric = false;
        options.RequiredUniqueChars = UniqueChars;
    }

    /// <summary>A random password that meets the policy; avoids look-alike characters (0/O, 1/l/I).</summary>
    public static string Generate(int length = 14)
    {
        const string letters = "abcdefghijkmnpqrstuvwxyz";
        const string digits = "23456789";
        const string alphabet = letters + "ABCDEFGHJKLMNPQRSTUVWXYZ" + digits;
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, Math.Max(length, MinimumLength));
        // Guarantee the policy: a lower-case letter, a digit and enough distinct characters.
        chars[0] = RandomNumberGenerator.GetItems<char>(letters, 1)[0];
        chars[^1] = RandomNumberGenerator.GetItems<char>(digits, 1)[0];
        return chars.Distinct().Count() >= UniqueChars ? new string(chars) : Generate(length);
    }
}
