using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace BatchRotation.PowerShell.Tests.Infrastructure;

/// <summary>
/// A host like a console's, as far as the tests need one: what the formatter and -WhatIf write is kept as
/// text (Out-Default and Out-Host live in the engine; Out-String and Format-* are in the Utility module,
/// which is not available here), and a prompt is answered from <see cref="Answers"/> or fails the command,
/// so that a test proves nothing prompts when nothing should (an unattended runbook).
/// </summary>
public sealed class TestHost : PSHost
{
    private readonly TestHostUserInterface _ui = new();

    public override string Name => "BatchRotation.PowerShell.Tests";

    public override Version Version { get; } = new(1, 0);

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override PSHostUserInterface UI => _ui;

    public override CultureInfo CurrentCulture { get; } = CultureInfo.GetCultureInfo("en-US");

    public override CultureInfo CurrentUICulture { get; } = CultureInfo.GetCultureInfo("en-US");

    /// <summary>Choices to give, in order, to the prompts that come (index into the prompt's choices: ShouldProcess's 0 is Yes, 2 is No).</summary>
    public Queue<int> Answers => _ui.Answers;

    /// <summary>Every prompt shown (caption and message).</summary>
    public IReadOnlyList<string> Prompts => _ui.Prompts;

    /// <summary>The text written to the host since the last call (formatted output, "What if:" lines, host-written warnings).</summary>
    public string TakeText() => _ui.Take();

    public override void SetShouldExit(int exitCode) { }

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication() { }

    public override void NotifyEndApplication() { }

    private sealed class TestHostUserInterface : PSHostUserInterface
    {
        private readonly StringBuilder _text = new();
        private readonly object _gate = new();
        private readonly List<string> _prompts = [];

        public Queue<int> Answers { get; } = new();

        public IReadOnlyList<string> Prompts { get { lock (_gate) return _prompts.ToList(); } }

        public override PSHostRawUserInterface RawUI { get; } = new WideRawUserInterface();

        public string Take()
        {
            lock (_gate)
            {
                var text = _text.ToString();
                _text.Clear();
                return text;
            }
        }

        // As a console whose output is redirected: the formatter's colour sequences are left out.
        public override void Write(string value) { lock (_gate) _text.Append(Regex.Replace(value, @"\x1b\[[0-9;]*m", string.Empty)); }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

        public override void WriteLine(string value) => Write(value + "\n");

        public override void WriteErrorLine(string value) => WriteLine(value);

        public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);

        public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);

        public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);

        public override void WriteProgress(long sourceId, ProgressRecord record) { }

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            lock (_gate)
            {
                _prompts.Add(caption + ": " + message);
                if (Answers.Count == 0)
                {
                    throw new InvalidOperationException($"Unexpected prompt '{caption}': {message}");
                }

                return Answers.Dequeue();
            }
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new InvalidOperationException($"Unexpected prompt '{caption}': {message}");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new InvalidOperationException($"Unexpected credential prompt '{caption}': {message}");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new InvalidOperationException($"Unexpected credential prompt '{caption}': {message}");

        public override string ReadLine() => throw new InvalidOperationException("Unexpected ReadLine.");

        public override SecureString ReadLineAsSecureString() => throw new InvalidOperationException("Unexpected ReadLineAsSecureString.");
    }

    /// <summary>A 300-column buffer, so that tables are not truncated.</summary>
    private sealed class WideRawUserInterface : PSHostRawUserInterface
    {
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

        public override Coordinates CursorPosition { get; set; }

        public override Coordinates WindowPosition { get; set; }

        public override int CursorSize { get; set; }

        public override Size BufferSize { get; set; } = new(300, 3000);

        public override Size WindowSize { get; set; } = new(300, 50);

        public override Size MaxWindowSize => WindowSize;

        public override Size MaxPhysicalWindowSize => WindowSize;

        public override bool KeyAvailable => false;

        public override string WindowTitle { get; set; } = string.Empty;

        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new InvalidOperationException("Unexpected ReadKey.");

        public override void FlushInputBuffer() { }

        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }

        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }

        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];

        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    }
}
