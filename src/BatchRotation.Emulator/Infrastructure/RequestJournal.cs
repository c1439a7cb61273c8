namespace BatchRotation.Emulator.Infrastructure;

/// <summary>One Azure request as the emulator saw it.</summary>
public sealed record JournalEntry(
    long Seq,
    DateTimeOffset Time,
    string Method,
    string Url,
    string Service,
    int Status,
    string? PrincipalId,
    string RequestId);

/// <summary>
/// Every Azure request (not the control surface), in order, so that tests can assert what was sent:
/// "no vault PUT", "no write at all on a rerun". Bounded so that memory stays flat in long runs.
/// </summary>
public sealed class RequestJournal
{
    public const int Capacity = 200_000;

    private readonly object _gate = new();
    private readonly LinkedList<JournalEntry> _entries = new();
    private long _nextSeq = 1;

    public void Record(DateTimeOffset time, string method, string url, string service, int status, string? principalId, string requestId)
    {
        lock (_gate)
        {
            _entries.AddLast(new JournalEntry(_nextSeq++, time, method, url, service, status, principalId, requestId));
            if (_entries.Count > Capacity) _entries.RemoveFirst();
        }
    }

    public IReadOnlyList<JournalEntry> Since(long seq)
    {
        lock (_gate)
        {
            return _entries.Where(e => e.Seq > seq).ToList();
        }
    }

    public long LastSeq
    {
        get { lock (_gate) { return _nextSeq - 1; } }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
