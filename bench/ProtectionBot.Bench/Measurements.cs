using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

namespace ProtectionBot.Bench;

/// <summary>The command line: <c>--name value</c> pairs, each with a default that fits a 2-core machine in a few minutes.</summary>
internal sealed record BenchOptions
{
    public int Conversations { get; init; } = 600;
    public int Concurrency { get; init; } = 32;
    public int Turns { get; init; } = 12;
    public int Rounds { get; init; } = 3;

    /// <summary>Full-size rounds each bot is driven through before anything is measured.</summary>
    public int WarmUpRounds { get; init; } = 3;
    public int WhatsAppDefenders { get; init; } = 200;
    public int WhatsAppConcurrency { get; init; } = 32;
    public int IdleConversations { get; init; } = 10_000;

    public bool SkipBuild { get; init; }
    public bool Verbose { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new BenchException($"{args[i]} needs a value.");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new BenchException($"{args[i - 1]} needs a positive number.");
            options = args[i] switch
            {
                "--conversations" => options with { Conversations = Number() },
                "--concurrency" => options with { Concurrency = Number() },
                "--turns" => options with { Turns = Number() },
                "--rounds" => options with { Rounds = Number() },
                "--warm-up-rounds" => options with { WarmUpRounds = Number() },
                "--whatsapp-defenders" => options with { WhatsAppDefenders = Number() },
                "--whatsapp-concurrency" => options with { WhatsAppConcurrency = Number() },
                "--idle" => options with { IdleConversations = Number() },
                "--skip-build" => options with { SkipBuild = true },
                "--verbose" => options with { Verbose = true },
                _ => throw new BenchException($"Unknown option {args[i]}. Options: --conversations --concurrency --turns --rounds --warm-up-rounds --whatsapp-defenders --whatsapp-concurrency --idle --skip-build --verbose"),
            };
        }
        return options;
    }
}

/// <summary>What drive.js prints.</summary>
internal sealed record DriveResult(int Conversations, int Concurrency, int Turns, int Errors, double Seconds, double TurnsPerSec, double P50, double P95, double P99)
{
    public static DriveResult Median(IReadOnlyList<DriveResult> runs) => runs.OrderBy(r => r.TurnsPerSec).ElementAt(runs.Count / 2);

    public string Row() => $"{TurnsPerSec,9:F1} {P50,9:F2} {P95,9:F2} {P99,9:F2} {Errors,7}";

    public override string ToString() => $"{TurnsPerSec,7:F1} turns/s, p50 {P50:F2} / p95 {P95:F2} / p99 {P99:F2} ms, {Errors} errors";
}

/// <summary>The bot's meter readings, from its diagnostics endpoint (on only in the benchmark).</summary>
internal sealed class Diagnostics(HttpClient http)
{
    public async Task<Readings> ReadAsync() =>
        new(await http.GetFromJsonAsync("/diagnostics/counters", BenchJsonContext.Default.DictionaryStringDouble) ?? throw new BenchException("No diagnostics."));

    /// <summary>Forces a full collection in the bot first.</summary>
    public async Task<Readings> CollectAsync()
    {
        using var response = await http.PostAsync("/diagnostics/collect", null);
        if (!response.IsSuccessStatusCode)
            throw new BenchException($"/diagnostics/collect answered {(int)response.StatusCode}; is Diagnostics:Enabled honoured?");
        return new(await response.Content.ReadFromJsonAsync(BenchJsonContext.Default.DictionaryStringDouble) ?? throw new BenchException("No diagnostics."));
    }
}

internal sealed record Readings(Dictionary<string, double> Values)
{
    public double Value(string name) => Values.GetValueOrDefault(name);

    /// <summary>The sum over every tag combination of <paramref name="name"/>.</summary>
    public double Sum(string name) => Values.Where(v => v.Key == name || v.Key.StartsWith(name + "{", StringComparison.Ordinal)).Sum(v => v.Value);
}

/// <summary>What changed in the bot during a run, per turn.</summary>
internal sealed record CounterDelta(double Turns, double DocumentReads, double DocumentWrites, double WorkOperations, double AllocatedBytes, double CpuMilliseconds)
{
    public static CounterDelta Between(Readings before, Readings after, double turns, TimeSpan cpu) => new(
        turns,
        after.Sum("protectionbot.storage.document.reads") - before.Sum("protectionbot.storage.document.reads"),
        after.Sum("protectionbot.storage.document.writes") - before.Sum("protectionbot.storage.document.writes"),
        after.Sum("protectionbot.storage.work.operations") - before.Sum("protectionbot.storage.work.operations"),
        after.Sum("dotnet.gc.heap.total_allocated") - before.Sum("dotnet.gc.heap.total_allocated"),
        cpu.TotalMilliseconds);

    public static CounterDelta Sum(CounterDelta a, CounterDelta b) => new(
        a.Turns + b.Turns, a.DocumentReads + b.DocumentReads, a.DocumentWrites + b.DocumentWrites,
        a.WorkOperations + b.WorkOperations, a.AllocatedBytes + b.AllocatedBytes, a.CpuMilliseconds + b.CpuMilliseconds);

    public override string ToString() =>
        $"per turn: {DocumentReads / Turns:F2} reads, {DocumentWrites / Turns:F2} writes, {WorkOperations / Turns:F2} queue ops, {AllocatedBytes / Turns / 1024:F1} KiB allocated, {CpuMilliseconds / Turns:F3} ms CPU";
}

/// <summary>The conversation documents in the SQLite file after the runs, as the database holds them (sealed).</summary>
internal sealed record StoredState(long Documents, double AverageBytes, long MaxBytes, long FileBytes, string PerChannel)
{
    public static StoredState Read(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(avg(length(data) + length(key) + length(etag) + 8), 0), coalesce(max(length(data)), 0) FROM documents";
        using var reader = command.ExecuteReader();
        reader.Read();
        var (count, average, max) = (reader.GetInt64(0), reader.GetDouble(1), reader.GetInt64(2));
        reader.Close();
        command.CommandText = """
            SELECT substr(key, 1, instr(substr(key, 14), '/') + 12) AS channel, count(*), avg(length(data))
            FROM documents GROUP BY channel ORDER BY channel
            """;
        var channels = new List<string>();
        using (var perChannel = command.ExecuteReader())
        {
            while (perChannel.Read())
                channels.Add($"{perChannel.GetString(0)}: {perChannel.GetInt64(1)} × {perChannel.GetDouble(2):F0} B");
        }
        var files = Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*").Sum(f => new FileInfo(f).Length);
        return new StoredState(count, average, max, files, string.Join("; ", channels));
    }

    public override string ToString() =>
        $"{Documents} conversations, {AverageBytes:F0} bytes each on average (row with its key; the sealed document at most {MaxBytes} B); database files {FileBytes / (1024.0 * 1024):F1} MiB ({PerChannel})";
}

internal static class Machine
{
    public static double MemoryGiB() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(DriveResult))]
[JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
