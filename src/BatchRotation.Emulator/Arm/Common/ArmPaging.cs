using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace BatchRotation.Emulator.Arm.Common;

/// <summary>
/// ARM list pages: <c>{"value":[...],"nextLink":"..."}</c>. The next link repeats the request (same path,
/// api-version and filters) with an opaque <c>$skiptoken</c>, on the emulator's own endpoint.
/// </summary>
public static class ArmPaging
{
    public const string SkipTokenParameter = "$skiptoken";

    /// <param name="topAllowed">Whether the operation has a <c>$top</c> parameter in Azure (then it caps the page size).</param>
    public static JsonObject Page(ArmCall call, IReadOnlyList<JsonNode> items, bool topAllowed)
    {
        var pageSize = Math.Max(1, ArmSettings.For(call.Runtime).PageSize);
        if (topAllowed && call.Query("$top") is { Length: > 0 } topText)
        {
            if (!int.TryParse(topText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var top) || top < 1)
                throw new ArmException(400, "InvalidParameter", $"The value '{topText}' of the query parameter '$top' is invalid. It must be a positive integer.");
            pageSize = Math.Min(pageSize, top);
        }

        var offset = 0;
        var token = call.Http.Request.Query.FirstOrDefault(q => q.Key.Equals(SkipTokenParameter, StringComparison.OrdinalIgnoreCase)).Value.ToString();
        if (token.Length > 0 && !TryDecode(token, out offset))
            throw new ArmException(400, "InvalidSkipToken", $"The skip token '{token}' is not valid.");

        var page = new JsonArray();
        foreach (var item in items.Skip(offset).Take(pageSize)) page.Add(item.DeepClone());
        var result = new JsonObject { ["value"] = page };
        if (offset + pageSize < items.Count) result["nextLink"] = NextLink(call, offset + pageSize);
        return result;
    }

    private static string NextLink(ArmCall call, int offset)
    {
        var query = new List<KeyValuePair<string, string?>>();
        foreach (var (key, values) in call.Http.Request.Query)
        {
            if (key.Equals(SkipTokenParameter, StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var value in values) query.Add(new(key, value));
        }
        query.Add(new(SkipTokenParameter, Encode(offset)));
        var baseUri = call.Runtime.Endpoint.GetLeftPart(UriPartial.Authority) + call.Http.Request.Path.Value;
        return QueryHelpers.AddQueryString(baseUri, query);
    }

    private static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("emulator-page:" + offset.ToString(CultureInfo.InvariantCulture)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string token, out int offset)
    {
        offset = 0;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 += (base64.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            return text.StartsWith("emulator-page:", StringComparison.Ordinal)
                && int.TryParse(text["emulator-page:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
