using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ProtectionBot.Bench;

// ProtectionBot side by side with a botbuilder-js peer: turns/s, latency, memory and storage operations per turn.
// Usage: dotnet run -c Release --project bench/ProtectionBot.Bench [-- --conversations 600 --concurrency 32 ...]
// The peer (bench/peer, npm botbuilder) and the load driver (bench/driver/drive.js) are part of this repository.
try
{
    return await RunAsync(BenchOptions.Parse(args));
}
catch (BenchException failure)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine($"BENCHMARK FAILED: {failure.Message}");
    return 1;
}

static async Task<int> RunAsync(BenchOptions options)
{
    var root = RepositoryRoot();
    var driver = Path.Combine(root, "bench", "driver", "drive.js");
    var peerFolder = Path.Combine(root, "bench", "peer");

    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Machine.MemoryGiB():F1} GiB RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, Node {(await ChildProcess.RunAsync("node", "node", ["--version"], root)).Trim()}");
    Console.WriteLine($"Load average before: {Machine.LoadAverage()}");

    if (!options.SkipBuild)
    {
        Console.WriteLine("Building ProtectionBot (Release)…");
        await ChildProcess.RunAsync("dotnet build", "dotnet", ["build", Path.Combine(root, "src", "ProtectionBot", "ProtectionBot.csproj"), "-c", "Release", "-nologo", "-v", "quiet"], root);
    }
    var appFolder = Path.Combine(root, "src", "ProtectionBot", "bin", "Release", "net10.0");
    if (!File.Exists(Path.Combine(appFolder, "ProtectionBot.dll")))
        throw new BenchException($"No Release build of ProtectionBot in {appFolder}.");
    if (!Directory.Exists(Path.Combine(peerFolder, "node_modules")))
    {
        Console.WriteLine("Installing the peer's npm packages…");
        await ChildProcess.RunAsync("npm ci", "npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], peerFolder);
    }

    var data = Directory.CreateTempSubdirectory("protectionbot-bench-");
    await using var graph = await FakeGraphApi.StartAsync();
    var appSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    var botPort = FreePort();
    var peerPort = FreePort();
    try
    {
        await using var bot = ChildProcess.Start("ProtectionBot", "dotnet", [Path.Combine(appFolder, "ProtectionBot.dll")], appFolder, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // The peer posts activities without tokens; what is measured is the bot, not the JWT check.
            ["UnsafeAllowAnonymousRequests"] = "true",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{botPort}",
            ["Storage__Provider"] = "Sqlite",
            ["Storage__DataDirectory"] = data.FullName,
            ["Storage__Encryption__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Diagnostics__Enabled"] = "true",
            ["WhatsApp__PhoneNumberId"] = FakeGraphApi.PhoneNumberId,
            ["WhatsApp__AccessToken"] = FakeGraphApi.AccessToken,
            ["WhatsApp__AppSecret"] = appSecret,
            ["WhatsApp__VerifyToken"] = "bench-verify-token",
            ["WhatsApp__GraphApiBaseUrl"] = graph.BaseUrl,
        });
        await using var peer = ChildProcess.Start("botbuilder-js peer", "node", ["bot.js"], peerFolder, new Dictionary<string, string> { ["PORT"] = peerPort.ToString(CultureInfo.InvariantCulture) });
        await bot.WaitForPortAsync(botPort, TimeSpan.FromSeconds(60));
        await peer.WaitForPortAsync(peerPort, TimeSpan.FromSeconds(30));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{botPort}") };
        var diagnostics = new Diagnostics(http);
        var botUrl = $"http://127.0.0.1:{botPort}/api/messages";
        var peerUrl = $"http://127.0.0.1:{peerPort}/api/messages";
        var failures = new List<string>();

        // 1. Side by side over the Bot Framework protocol, same driver and parameters, alternating rounds.
        // Warm-up at full size: .NET compiles hot methods again with profile data after a few thousand calls, and
        // its background compiler is busy for several rounds (about 10 s of compilation here); V8 optimises too. A bot
        // runs for days, so what is measured is the steady state, for both bots alike.
        Console.WriteLine($"Warming up both bots ({options.WarmUpRounds} rounds each)…");
        for (var round = 0; round < options.WarmUpRounds; round++)
        {
            await DriveAsync(driver, peerUrl, options.Conversations, options.Concurrency, options.Turns, root);
            await DriveAsync(driver, botUrl, options.Conversations, options.Concurrency, options.Turns, root);
        }
        Console.WriteLine();
        Console.WriteLine($"Bot Framework protocol: {options.Conversations} conversations × up to {options.Turns} turns, {options.Concurrency} concurrent, {options.Rounds} rounds (load average {Machine.LoadAverage()})");
        var peerRuns = new List<DriveResult>();
        var botRuns = new List<DriveResult>();
        var botCounters = new List<CounterDelta>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            var peerRun = await DriveAsync(driver, peerUrl, options.Conversations, options.Concurrency, options.Turns, root);
            var before = await diagnostics.ReadAsync();
            var cpuBefore = bot.ProcessorTime();
            var botRun = await DriveAsync(driver, botUrl, options.Conversations, options.Concurrency, options.Turns, root);
            var cpu = bot.ProcessorTime() - cpuBefore;
            var delta = CounterDelta.Between(before, await diagnostics.ReadAsync(), botRun.Turns, cpu);
            peerRuns.Add(peerRun);
            botRuns.Add(botRun);
            botCounters.Add(delta);
            Console.WriteLine($"  round {round}: peer {peerRun}");
            Console.WriteLine($"           ProtectionBot {botRun}  | {delta}");
        }
        var peerMedian = DriveResult.Median(peerRuns);
        var botMedian = DriveResult.Median(botRuns);
        var counters = botCounters[botRuns.IndexOf(botMedian)];
        Console.WriteLine();
        Console.WriteLine("  median round             turns/s    p50 ms    p95 ms    p99 ms  errors");
        Console.WriteLine($"  botbuilder-js peer    {peerMedian.Row()}");
        Console.WriteLine($"  ProtectionBot         {botMedian.Row()}");
        var throughputRatio = botMedian.TurnsPerSec / peerMedian.TurnsPerSec;
        var p99Ratio = botMedian.P99 / peerMedian.P99;
        Console.WriteLine($"  ProtectionBot/peer    {throughputRatio,9:F2}x {botMedian.P50 / peerMedian.P50,8:F2}x {botMedian.P95 / peerMedian.P95,8:F2}x {p99Ratio,8:F2}x");
        Console.WriteLine($"  target: ≥ 5x turns/s → {(throughputRatio >= 5 ? "met" : "NOT met")}; p99 ≤ 1/5 of the peer's → {(p99Ratio <= 0.2 ? "met" : "NOT met")}");
        // The floor: what 5x would ask of a bot with state, dialogs and storage, next to an endpoint that has none.
        await using (var bare = await BareEndpoint.StartAsync())
        {
            var bareUrl = $"{bare.BaseUrl}/api/messages";
            await DriveAsync(driver, bareUrl, options.Conversations, options.Concurrency, options.Turns, root);
            var floor = await DriveAsync(driver, bareUrl, options.Conversations, options.Concurrency, options.Turns, root);
            Console.WriteLine($"  bare endpoint         {floor.Row()}   (Kestrel parsing the activity, one fixed reply: the driver and HTTP alone)");
            Console.WriteLine($"  bare endpoint/peer    {floor.TurnsPerSec / peerMedian.TurnsPerSec,9:F2}x {floor.P50 / peerMedian.P50,8:F2}x {floor.P95 / peerMedian.P95,8:F2}x {floor.P99 / peerMedian.P99,8:F2}x");
        }
        foreach (var run in botRuns.Concat(peerRuns).Where(r => r.Errors > 0))
            failures.Add($"the driver counted {run.Errors} failed turns");
        CheckStoragePerTurn("Bot Framework", botCounters.Aggregate(CounterDelta.Sum), failures);

        // 2. WhatsApp: signed webhooks in, the bot's messages out to the fake Graph API.
        Console.WriteLine();
        var load = new WhatsAppLoad(http, graph, appSecret);
        var expected = await load.CalibrateAsync(options.Verbose);
        Console.WriteLine($"WhatsApp: {options.WhatsAppDefenders} defenders × {WhatsAppLoad.TurnsPerInterview} answers (a whole interview), {options.WhatsAppConcurrency} concurrent; messages per answer {string.Join(",", expected)}");
        var whatsAppBefore = await diagnostics.ReadAsync();
        var whatsAppCpu = bot.ProcessorTime();
        var whatsApp = await load.RunAsync(options.WhatsAppDefenders, options.WhatsAppConcurrency, expected);
        var whatsAppDelta = CounterDelta.Between(whatsAppBefore, await diagnostics.ReadAsync(), whatsApp.Turns, bot.ProcessorTime() - whatsAppCpu);
        Console.WriteLine($"  {whatsApp.TurnsPerSecond:F1} turns/s, webhook → last reply at the Graph API p50 {whatsApp.Percentile(0.5):F1} ms, p95 {whatsApp.Percentile(0.95):F1} ms, p99 {whatsApp.Percentile(0.99):F1} ms, {whatsApp.Errors} failed interviews");
        Console.WriteLine($"  {whatsAppDelta}");
        if (whatsApp.Errors > 0)
            failures.Add($"{whatsApp.Errors} WhatsApp interviews failed; the first: {whatsApp.FirstError}");
        CheckStoragePerTurn("WhatsApp", whatsAppDelta, failures);

        // 3. What the state costs at rest.
        Console.WriteLine();
        var storage = StoredState.Read(Path.Combine(data.FullName, "protectionbot.db"));
        Console.WriteLine($"Stored state: {storage}");

        // 4. Idle conversations: created, then left alone; they should cost nothing resident but the store's cache.
        Console.WriteLine();
        var idleBefore = await diagnostics.CollectAsync();
        var wsBefore = bot.WorkingSet().Current;
        var idleRun = await DriveAsync(driver, botUrl, options.IdleConversations, options.Concurrency, 1, root);
        if (idleRun.Turns != options.IdleConversations || idleRun.Errors > 0)
            failures.Add($"creating {options.IdleConversations} idle conversations: {idleRun.Turns} turns, {idleRun.Errors} errors");
        await Task.Delay(500);
        var idleAfter = await diagnostics.CollectAsync();
        var wsAfter = bot.WorkingSet().Current;
        var heapGrowth = idleAfter.Value("gc.heap.bytes_after_full_collection") - idleBefore.Value("gc.heap.bytes_after_full_collection");
        Console.WriteLine($"Idle: {idleRun.Turns} new conversations (one turn each), then a full collection:");
        Console.WriteLine($"  managed heap {Mib(idleBefore.Value("gc.heap.bytes_after_full_collection"))} → {Mib(idleAfter.Value("gc.heap.bytes_after_full_collection"))} ({heapGrowth / Math.Max(1, idleRun.Turns):F0} bytes per conversation)");
        Console.WriteLine($"  working set  {Mib(wsBefore)} → {Mib(wsAfter)} ({Mib(wsAfter - wsBefore)}; SQLite's page cache is bounded per connection)");
        Console.WriteLine($"  target: no managed memory per idle conversation → {(heapGrowth / Math.Max(1, idleRun.Turns) < 64 ? "met" : "NOT met")}");

        var (peak, current) = bot.WorkingSet();
        Console.WriteLine();
        Console.WriteLine($"ProtectionBot process: peak working set {Mib(peak)}, now {Mib(current)}");
        Console.WriteLine($"Load average after: {Machine.LoadAverage()}");
        if (bot.HasExited || peer.HasExited)
            failures.Add($"a bot process exited during the run:\n{ChildProcess.Tail(bot.HasExited ? bot.Output : peer.Output)}");
        if (failures.Count > 0)
            throw new BenchException(string.Join("\n  ", failures.Prepend($"{failures.Count} check(s) failed:")));
        return 0;
    }
    finally
    {
        SqliteConnection.ClearAllPools();
        data.Delete(recursive: true);
    }
}

static void CheckStoragePerTurn(string channel, CounterDelta delta, List<string> failures)
{
    var ok = delta.DocumentReads <= delta.Turns && delta.DocumentWrites <= delta.Turns;
    Console.WriteLine($"  {channel}: {delta.DocumentReads / delta.Turns:F3} state reads and {delta.DocumentWrites / delta.Turns:F3} writes per turn → {(ok ? "ok" : "TOO MANY")}");
    if (!ok)
        failures.Add($"{channel} turns did {delta.DocumentReads} state reads and {delta.DocumentWrites} writes for {delta.Turns} turns: more than one read and one write per turn");
}

static async Task<DriveResult> DriveAsync(string driver, string url, int conversations, int concurrency, int turns, string root)
{
    var text = await ChildProcess.RunAsync("drive.js", "node", [driver, url, conversations.ToString(CultureInfo.InvariantCulture), concurrency.ToString(CultureInfo.InvariantCulture), turns.ToString(CultureInfo.InvariantCulture)], root);
    var json = text.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{')) ?? throw new BenchException($"drive.js printed no result:\n{text}");
    return JsonSerializer.Deserialize(json, BenchJsonContext.Default.DriveResult) ?? throw new BenchException($"drive.js printed {json}");
}

static string RepositoryRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "ProtectionBot.sln")))
            return folder.FullName;
    }
    throw new BenchException("Run the benchmark from within the repository (no ProtectionBot.sln above it).");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string Mib(double bytes) => $"{bytes / (1024 * 1024):F1} MiB";
