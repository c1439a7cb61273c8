namespace BatchRotation.Core.Rules
{
    public enum OsFamily
    {
        Linux,
        Windows,
    }
}
