using System.Diagnostics.Metrics;

namespace ProtectionBot.Storage;

/// <summary>
/// Counts what reaches the conversation store, whichever backend is configured: a turn should cost one document read
/// and one write. Published on the <c>ProtectionBot.Storage</c> meter for any metrics listener (the diagnostics
/// endpoint, a metrics exporter).
/// </summary>
internal sealed class StorageMetrics
{
    public const string MeterName = "ProtectionBot.Storage";

    private readonly Counter<long> _documentReads;
    private readonly Counter<long> _documentWrites;
    private readonly Counter<long> _documentDeletes;
    private readonly Counter<long> _workOperations;

    public StorageMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _documentReads = meter.CreateCounter<long>("protectionbot.storage.document.reads", "{read}", "Conversation documents read");
        _documentWrites = meter.CreateCounter<long>("protectionbot.storage.document.writes", "{write}", "Conversation documents written");
        _documentDeletes = meter.CreateCounter<long>("protectionbot.storage.document.deletes", "{delete}", "Conversation documents erased, one by one or by retention");
        _workOperations = meter.CreateCounter<long>("protectionbot.storage.work.operations", "{operation}", "Work queue enqueues, leases, completions and reschedules");
    }

    public void DocumentRead() => _documentReads.Add(1);

    public void DocumentWritten() => _documentWrites.Add(1);

    public void DocumentDeleted() => _documentDeletes.Add(1);

    public void WorkOperation(string operation) => _workOperations.Add(1, new KeyValuePair<string, object?>("operation", operation));
}
