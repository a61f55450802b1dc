namespace RectificationTracker.Domain.Common;

/// <summary>Chinese numerals 1–99 as used in document outlines: 一、十、十一、二十、九十九.</summary>
public static class ChineseNumerals
{
    private const string Digits = "零一二三四五六七八九";

    public static string Format(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 99);
        if (value < 10)
        {
            return Digits[value].ToString();
        }

        var tens = value / 10;
        var ones = value % 10;
        var head = tens == 1 ? "十" : Digits[tens] + "十";
        return ones == 0 ? head : head + Digits[ones];
    }
}
