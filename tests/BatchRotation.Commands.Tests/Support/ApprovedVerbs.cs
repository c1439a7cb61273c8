namespace BatchRotation.Commands.Tests.Support;

/// <summary>
/// The approved verbs of Windows PowerShell 5.1 (the oldest PowerShell the module supports), as
/// <c>Get-Verb</c> lists them there. PowerShell 6+ added Build and Deploy; they are left out so that
/// Import-Module never warns about unapproved verbs in 5.1. ApprovedVerbsTests checks this list
/// against the Verbs* constants of PowerShellStandard.Library 5.1.
/// </summary>
internal static class ApprovedVerbs
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        // Common
        "Add", "Clear", "Close", "Copy", "Enter", "Exit", "Find", "Format", "Get", "Hide", "Join", "Lock",
        "Move", "New", "Open", "Optimize", "Pop", "Push", "Redo", "Remove", "Rename", "Reset", "Resize",
        "Search", "Select", "Set", "Show", "Skip", "Split", "Step", "Switch", "Undo", "Unlock", "Watch",
        // Communications
        "Connect", "Disconnect", "Read", "Receive", "Send", "Write",
        // Data
        "Backup", "Checkpoint", "Compare", "Compress", "Convert", "ConvertFrom", "ConvertTo", "Dismount",
        "Edit", "Expand", "Export", "Group", "Import", "Initialize", "Limit", "Merge", "Mount", "Out",
        "Publish", "Restore", "Save", "Sync", "Unpublish", "Update",
        // Diagnostic
        "Debug", "Measure", "Ping", "Repair", "Resolve", "Test", "Trace",
        // Lifecycle
        "Approve", "Assert", "Complete", "Confirm", "Deny", "Disable", "Enable", "Install", "Invoke",
        "Register", "Request", "Restart", "Resume", "Start", "Stop", "Submit", "Suspend", "Uninstall",
        "Unregister", "Wait",
        // Security
        "Block", "Grant", "Protect", "Revoke", "Unblock", "Unprotect",
        // Other
        "Use",
    };

    /// <summary>
    /// Verbs that change state: a cmdlet using one must declare SupportsShouldProcess (so -WhatIf and
    /// -Confirm exist and the Core's should-process requests reach the user).
    /// </summary>
    public static readonly IReadOnlySet<string> StateChanging = new HashSet<string>(StringComparer.Ordinal)
    {
        "Add", "Clear", "Copy", "Move", "New", "Remove", "Rename", "Reset", "Set", "Lock", "Unlock",
        "Publish", "Unpublish", "Update", "Restore", "Sync", "Merge", "Repair", "Initialize",
        "Approve", "Deny", "Disable", "Enable", "Install", "Uninstall", "Register", "Unregister",
        "Restart", "Resume", "Start", "Stop", "Submit", "Suspend",
        "Block", "Unblock", "Grant", "Revoke", "Protect", "Unprotect",
    };
}
