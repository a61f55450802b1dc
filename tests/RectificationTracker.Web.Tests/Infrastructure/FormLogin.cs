using System.Net;
using System.Text.RegularExpressions;

namespace RectificationTracker.Web.Tests.Infrastructure;

/// <summary>Signs in the way a browser does: GET the login page, then post its form with the antiforgery token.</summary>
public static partial class FormLogin
{
    public static async Task<LoginAttempt> PostAsync(HttpClient client, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        var token = TokenInput().Match(form);
        Assert.True(token.Success, "The login page has no antiforgery token.");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["_handler"] = "login",
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        using var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), content);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        return new LoginAttempt(response.StatusCode, response.Headers.Location?.OriginalString, body);
    }

    /// <summary>A fresh cookie-keeping client, signed in; fails the test if the sign-in does not succeed.</summary>
    public static async Task<HttpClient> SignedInClientAsync(TrackerFactory factory, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.CreateBrowserLikeClient();
        var attempt = await PostAsync(client, userName, password);
        Assert.True(attempt.SignedIn, $"{userName} could not sign in: {attempt.StatusCode} {attempt.ErrorMessage}");
        return client;
    }

    /// <summary>The page as the browser would read it (entities decoded).</summary>
    public static async Task<string> GetPageAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        return WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(path, UriKind.Relative)));
    }

    /// <summary>The anti-forgery token of a page's form, as the browser would post it.</summary>
    public static string AntiforgeryToken(string html) => WebUtility.HtmlDecode(TokenInput().Match(html).Groups["value"].Value);

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenInput();
}

public sealed partial record LoginAttempt(HttpStatusCode StatusCode, string? Location, string Body)
{
    /// <summary>A successful sign-in redirects away from the form; a failed one re-renders it.</summary>
    public bool SignedIn => StatusCode == HttpStatusCode.Redirect && Location is not null && !Location.Contains("/Account/Login", StringComparison.Ordinal);

    public string? ErrorMessage => AlertText().Match(Body) is { Success: true } m ? m.Groups["text"].Value.Trim() : null;

    [GeneratedRegex("role=\"alert\">(?<text>[^<]*)<")]
    private static partial Regex AlertText();
}
