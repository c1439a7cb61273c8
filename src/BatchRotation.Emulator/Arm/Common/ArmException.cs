using BatchRotation.Emulator.Errors;

namespace BatchRotation.Emulator.Arm.Common;

/// <summary>
/// An ARM error raised while a handler validates a request; <see cref="ArmHandler"/> turns it into the
/// response (<see cref="ArmErrors"/>'s envelope, or a ready result such as <see cref="ArmGuard"/>'s).
/// </summary>
public sealed class ArmException : Exception
{
    private readonly IResult? _result;

    public ArmException(int status, string code, string message, string? target = null) : base(message)
    {
        Status = status;
        Code = code;
        Target = target;
    }

    private ArmException(IResult result) : base("ARM refused the request.")
    {
        _result = result;
        Code = "";
    }

    public int Status { get; }
    public string Code { get; }
    public string? Target { get; }

    public IResult ToResult() => _result ?? ArmErrors.Result(Status, Code, Message, Target);

    /// <summary>Wraps a result that is already an ARM error (e.g. from <see cref="ArmGuard.Check"/>).</summary>
    public static ArmException From(IResult result) => new(result);

    /// <summary>400 <c>InvalidRequestContent</c> with ARM's (Json.NET's) wording around <paramref name="detail"/>.</summary>
    public static ArmException InvalidRequestContent(string detail) =>
        new(400, "InvalidRequestContent", $"The request content was invalid and could not be deserialized: '{detail}'.");
}
