using System.Text.Json.Nodes;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Tests.Rules.TestSupport;

public static class Expect
{
    /// <summary>Runs the action and asserts it fails with the given ErrorId; returns the error for message checks.</summary>
    public static BatchRotationException Error(string errorId, Action action)
    {
        var error = Assert.Throws<BatchRotationException>(action);
        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    public static BatchRotationException Error(string errorId, Func<object?> func) => Error(errorId, () => { func(); });

    /// <summary>Exact JSON equality, property order included.</summary>
    public static void Json(string expected, JsonNode? actual)
    {
        var normalised = JsonNode.Parse(expected)!.ToJsonString();
        Assert.Equal(normalised, actual?.ToJsonString());
    }
}
