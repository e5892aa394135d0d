using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ProtectionBot.Diagnostics;

/// <summary>
/// Listens, from inside the process, to the runtime's <c>System.Runtime</c> meter (allocations, heap, working set,
/// collections) and to the meters this app created (storage operations), and keeps each instrument's latest reading:
/// counters are summed, observable instruments report their current value when read.
/// </summary>
internal sealed class MeterReadings : IDisposable
{
    private const string RuntimeMeter = "System.Runtime";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _values = new(StringComparer.Ordinal);

    public MeterReadings(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RuntimeMeter || ReferenceEquals(instrument.Meter.Scope, meterFactory))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Every instrument's value by name (with its tags in braces when it has any), observable ones read now.</summary>
    public SortedDictionary<string, double> Read()
    {
        _listener.RecordObservableInstruments();
        return new SortedDictionary<string, double>(_values, StringComparer.Ordinal);
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var name = tags.Length == 0 ? instrument.Name : $"{instrument.Name}{{{Tags(tags)}}}";
        if (instrument.IsObservable)
            _values[name] = value;
        else
            _values.AddOrUpdate(name, value, (_, sum) => sum + value);
    }

    private static string Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++)
            parts[i] = $"{tags[i].Key}={tags[i].Value}";
        Array.Sort(parts, StringComparer.Ordinal);
        return string.Join(',', parts);
    }
}
