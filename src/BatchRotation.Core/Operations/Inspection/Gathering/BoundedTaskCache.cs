using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace BatchRotation.Core.Operations.Inspection.Gathering
{
    /// <summary>
    /// Remembers the task that reads each key, so that concurrent and later requests for the same resource share
    /// one call. Holds at most <c>capacity</c> entries, dropping the least recently used, so that memory stays
    /// flat however large the estate is. Keys compare case-insensitively (Azure ids and URLs do).
    /// </summary>
    internal sealed class BoundedTaskCache<TValue>
    {
        private readonly object _gate = new object();
        private readonly int _capacity;
        private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new Dictionary<string, LinkedListNode<Entry>>(StringComparer.OrdinalIgnoreCase);
        private readonly LinkedList<Entry> _recency = new LinkedList<Entry>();

        public BoundedTaskCache(int capacity)
        {
            _capacity = capacity < 1 ? throw new ArgumentOutOfRangeException(nameof(capacity)) : capacity;
        }

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _entries.Count;
                }
            }
        }

        /// <summary>The shared task for <paramref name="key"/>, started by <paramref name="load"/> the first time.</summary>
        public Task<TValue> GetOrAdd(string key, Func<Task<TValue>> load)
        {
            Lazy<Task<TValue>> lazy;
            lock (_gate)
            {
                if (_entries.TryGetValue(key, out var node))
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    lazy = node.Value.Task;
                }
                else
                {
                    lazy = new Lazy<Task<TValue>>(load);
                    _entries[key] = _recency.AddFirst(new Entry(key, lazy));
                    while (_entries.Count > _capacity)
                    {
                        var last = _recency.Last!;
                        _recency.RemoveLast();
                        _entries.Remove(last.Value.Key);
                    }
                }
            }

            return lazy.Value;
        }

        private sealed class Entry
        {
            public Entry(string key, Lazy<Task<TValue>> task)
            {
                Key = key;
                Task = task;
            }

            public string Key { get; }

            public Lazy<Task<TValue>> Task { get; }
        }
    }
}
