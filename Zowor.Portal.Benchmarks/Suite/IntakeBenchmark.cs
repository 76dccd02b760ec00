using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Bogus;
using Microsoft.Data.Sqlite;
using Zowor.Portal.Benchmarks.Hosting;

namespace Zowor.Portal.Benchmarks.Suite;

/// <summary>
/// Issue 9, benchmark 1: complaints per second through the public web form (<c>/complain</c>), as a customer's browser
/// sends them: each virtual customer GETs the form once (antiforgery cookie and token), then POSTs complete valid
/// complaints, each of which must be answered by the confirmation redirect to <c>/complain/received/{reference}</c>.
/// </summary>
/// <remarks>
/// The load is open-loop: complaints are due at a fixed arrival rate whatever the node's answers, and each latency is
/// counted from the moment its complaint was due, not from when it was sent, so a stalled node shows in the latency
/// instead of quietly slowing the load (no coordinated omission). Afterwards the stored complaints are counted in the
/// SQLite file: every confirmed complaint must be there, once. The node's per-client rate limit on public forms is
/// raised for the run (every virtual customer comes from 127.0.0.1); everything else runs as in production, the outbox
/// dispatcher too, which writes each customer's receipt e-mail as an .eml file while the load runs.
/// </remarks>
public sealed partial class IntakeBenchmark : IBenchmark
{
    private const string Id = "1 intake";
    // Issue 21: at least 300 complaints/s sustained with p95 ≤ 250 ms, at ≤ 3 ms of the node's CPU each (issue 9 asked 100/s).
    // The load offers a little more than the target, so that a node that keeps up shows it in the achieved rate.
    private const double TargetRate = 300;
    private const double OfferedRate = 310;
    private const double TargetP95Ms = 250;
    private const double TargetCpuMs = 3;

    // Measured complaints come from this domain, warm-up and closed-loop ones from others, so the database count is exact.
    private const string MeasuredDomain = "intake.example.net";
    private const string WarmUpDomain = "warmup.example.net";
    private const string ClosedLoopDomain = "closed.example.net";
    private const string BareDomain = "bare.example.net";

    private const string FormPath = "complain";

    // The floor the form is measured against (issue 21): the same fields posted to an endpoint that only inserts the row.
    private const string BarePath = "benchmark/bare-intake";

    private static readonly (string Category, string[] Products, string[] Problems)[] Catalogue =
    [
        ("product-defect", ["SteelBoil 1.7 L kettle", "AirBeat headphones", "VoltMax 20000 power bank", "Zowor Blender 600", "ThermoCup 450"],
            ["It stopped working after a week of normal use.", "It leaks at the base every time I fill it.", "It does not charge any more, whatever cable I use.",
             "It makes a burning smell on the lowest setting.", "The power button broke off on the third day."]),
        ("delivery", ["Trail running shoes", "Garden hose set", "Lego city set", "Office chair"],
            ["The parcel arrived nine days after the promised date.", "Tracking says delivered, but nothing arrived and my neighbours have nothing.",
             "The courier never came although I stayed home all day.", "It was delivered to an address on the other side of town."]),
        ("packaging", ["Ceramic vase", "Crystal wine glasses (6)", "Table lamp"],
            ["It arrived broken in a box with no padding at all.", "The box was crushed and the item inside is dented.", "The item is deeply scratched, the wrapping was torn."]),
        ("wrong-item", ["Winter boots", "Urban rain jacket", "Bed linen set"],
            ["I ordered size 42 and received size 38.", "I ordered the blue one and received a bright orange one.", "The parcel had my name on it but someone else's order inside."]),
        ("billing", ["Office chair", "Zowor Blender 600", "Gift card"],
            ["My card was charged twice for the same order.", "The discount shown at checkout was not applied to the charge.", "The refund you promised three weeks ago has not arrived."]),
        ("service", ["Warranty claim", "Return request"],
            ["Nobody called me back although I was promised a call within a day.", "The reply from support was rude and did not answer my question.",
             "I waited an hour on the hotline and was then disconnected."]),
        ("website", ["Checkout", "Mobile app"],
            ["The checkout page froze after I entered my card details.", "I cannot log in: the page says my password is wrong right after resetting it.",
             "The promo code from your newsletter is rejected as expired."]),
    ];

    private static readonly string[] Resolutions = ["Replacement", "Refund", "Compensation", "Explanation", "NoPreference"];

    public string Name => "intake";

    public string Title => "1 intake: complaints per second through the public form, p95 latency, zero errors, a minute sustained";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var quick = context.Quick;
        var rate = OfferedRate;
        var duration = TimeSpan.FromSeconds(quick ? 10 : 60);
        var customers = 64;
        var folder = context.ScratchFolder("intake");
        var database = Path.Combine(folder, "intake.db");
        var settings = new Dictionary<string, string>
        {
            ["PublicForms:PermitLimit"] = "100000000",
            ["PublicForms:WindowSeconds"] = "60",
            // Maps Features/Customers/BareIntakeEndpoint on this node only (never in production).
            ["Benchmarks:BareIntakeEndpoint"] = "true",
        };
        Console.WriteLine($"  node on a fresh database (57 demo complaints); public-form rate limit raised to {settings["PublicForms:PermitLimit"]} per {settings["PublicForms:WindowSeconds"]} s for the run (all load comes from 127.0.0.1)");
        await using var node = await PortalNode.StartAsync("intake", database, settings, cancellationToken);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = 512,
        })
        {
            BaseAddress = node.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

        try
        {
            var pool = await CustomersAsync(http, customers, cancellationToken);
            Console.WriteLine($"  {pool.Count} virtual customers, each with the form's antiforgery cookie and token from one GET /complain");

            await WarmUpAsync(node, http, pool, quick, cancellationToken);

            var eml = Path.Combine(folder, "intake-files", "mail");
            var emlBefore = CountFiles(eml);
            Console.WriteLine($"  measured: {rate:0}/s open-loop for {duration.TotalSeconds:0} s (latency from each complaint's due time)");
            var cpuBefore = node.CpuTime();
            var run = await OpenLoopAsync(http, pool, rate, duration, MeasuredDomain, cancellationToken);
            var cpu = node.CpuTime() - cpuBefore;
            var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            foreach (var error in run.ErrorSamples)
            {
                Console.WriteLine($"  error: {error}");
            }

            if (run.Errors > 0)
            {
                Console.WriteLine(node.Describe(20));
            }

            var report = context.Report;
            report.AtLeast(Id, "achieved rate (confirmed complaints / s)", run.Successes / run.Elapsed.TotalSeconds, "/s", TargetRate);
            report.Info(Id, "offered rate", run.Offered / duration.TotalSeconds, "/s");
            report.Info(Id, "latency p50", Percentiles.Of(run.Latencies, 50), "ms");
            report.AtMost(Id, "latency p95 (from due time)", Percentiles.Of(run.Latencies, 95), "ms", TargetP95Ms);
            report.Info(Id, "latency p99", Percentiles.Of(run.Latencies, 99), "ms");
            report.Info(Id, "latency max", run.Latencies.Count > 0 ? run.Latencies.Max() : double.NaN, "ms");
            report.Info(Id, "send lag p99 (client behind schedule)", Percentiles.Of(run.SendLags, 99), "ms");
            report.Check(Id, "errors (not the confirmation)", run.Errors, "", "= 0", run.Errors == 0);
            var cpuPerComplaint = cpu.TotalMilliseconds / Math.Max(1, run.Offered);
            report.Info(Id, "node CPU per complaint during the run (user + system; receipts still queued not counted)", cpuPerComplaint, "ms");
            report.Info(Id, "load average (1 min) at the end of the measured run", double.Parse(load, System.Globalization.CultureInfo.InvariantCulture), "");

            // Every confirmed complaint is stored, once, under the reference the confirmation named.
            var stored = StoredReferences(database, MeasuredDomain);
            var confirmed = run.References.ToHashSet(StringComparer.Ordinal);
            var matched = confirmed.Count == run.Successes && stored.Count == confirmed.Count && stored.SetEquals(confirmed);
            report.Check(Id, "stored complaints (= confirmed, same references)", stored.Count, "", $"= {run.Successes}", matched);

            // The receipt e-mails the outbox dispatcher wrote while the load ran (realistic load, not measured apart).
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            var receiptsDuringRun = CountFiles(eml) - emlBefore;
            report.Info(Id, "receipt .eml files written since the run started", receiptsDuringRun, "files");

            // The floor (issue 21): the same complaints, same rate and duration, posted to the bare endpoint that only inserts
            // the complaint's row; the form's CPU per complaint is reported as a ratio to it. The outbox first writes the
            // receipts still queued from the run (at most a minute), so that their CPU is not counted as the bare endpoint's.
            for (var waited = 0; waited < 60 && CountFiles(eml) - emlBefore < run.Successes; waited++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }

            // The target counts each complaint whole: under load the outbox falls behind and writes the rest of the receipts
            // after the run, so the CPU is taken from the run's start until the last receipt is written (a second or two of
            // the idle node's own CPU included).
            var withReceipts = (node.CpuTime() - cpuBefore).TotalMilliseconds / Math.Max(1, run.Offered);
            report.Info(Id, "receipts written by the outbox after the run ended", CountFiles(eml) - emlBefore - receiptsDuringRun, "files");
            report.AtMost(Id, "node CPU per complaint, its receipt e-mail included (user + system)", withReceipts, "ms", TargetCpuMs);
            cpuPerComplaint = withReceipts;

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            // Closed loop, not the form's open loop: written one by one under the write lock, bare rows cannot keep up with
            // the rate that the form's grouped registrations take, and a node that falls behind measures its backlog.
            Console.WriteLine($"  bare endpoint /{BarePath}: 16 customers back to back for {duration.TotalSeconds:0} s (inserts the row only)");
            var bareCpuBefore = node.CpuTime();
            var bare = await ClosedLoopAsync(http, pool, 16, duration, BareDomain, cancellationToken, path: BarePath);
            var bareCpu = (node.CpuTime() - bareCpuBefore).TotalMilliseconds / Math.Max(1, bare.Offered);
            foreach (var error in bare.ErrorSamples)
            {
                Console.WriteLine($"  bare error: {error}");
            }

            report.Info(Id, "bare endpoint: rate (16 customers back to back)", bare.Successes / bare.Elapsed.TotalSeconds, "/s");
            report.Info(Id, "bare endpoint: node CPU per complaint (row insert only)", bareCpu, "ms");
            report.Info(Id, "bare endpoint: latency p95", Percentiles.Of(bare.Latencies, 95), "ms");
            report.Check(Id, "bare endpoint: errors; stored = confirmed", bare.Errors, "", "= 0",
                bare.Errors == 0 && StoredReferences(database, BareDomain).SetEquals(bare.References));
            report.Info(Id, "intake CPU per complaint / bare endpoint's (ratio)", cpuPerComplaint / Math.Max(0.001, bareCpu), "x");
            Console.WriteLine($"  node CPU per complaint: form {cpuPerComplaint:0.00} ms, bare endpoint {bareCpu:0.00} ms, ratio {cpuPerComplaint / Math.Max(0.001, bareCpu):0.0}x");

            // Context: the most a handful of customers sending back-to-back get through (closed loop, no target).
            var closed = await ClosedLoopAsync(http, pool, 16, TimeSpan.FromSeconds(quick ? 3 : 15), ClosedLoopDomain, cancellationToken);
            report.Info(Id, "closed-loop max rate (16 customers back-to-back)", closed.Successes / closed.Elapsed.TotalSeconds, "/s");
            report.Info(Id, "closed-loop latency p95", Percentiles.Of(closed.Latencies, 95), "ms");
            report.Info(Id, "closed-loop errors", closed.Errors, "");
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            Console.WriteLine(node.Describe(30));
            throw;
        }
    }

    /// <summary>
    /// Runs the node in until its CPU cost per complaint is steady: a fresh .NET process spends its first minute or so
    /// recompiling hot methods (tiered JIT, dynamic PGO) at up to a core's worth of CPU, which is start-up, not intake.
    /// Slices of 10 s at 250/s go on until one costs within 10 % of the one before, after at least 40 s (at most 90 s; a
    /// slice's CPU still falling by a tenth means the JIT is not done); quick: one short slice. Near the measured rate, so
    /// that the paths the measured load takes are the ones compiled: at 50/s (until 2026-12-05) each registration was
    /// written alone, so the grouped writes' code was first compiled in the measured minute, and two slices at 10 ms of
    /// CPU a complaint (0.5 of a core for 50 complaints a second, most of it the JIT's) passed for steady.
    /// </summary>
    private static async Task WarmUpAsync(PortalNode node, HttpClient http, IReadOnlyList<Customer> customers, bool quick, CancellationToken cancellationToken)
    {
        const double rate = 250;
        var previous = double.NaN;
        for (var slice = 0; slice < (quick ? 1 : 9); slice++)
        {
            var cpuBefore = node.CpuTime();
            var result = await OpenLoopAsync(http, customers, rate, TimeSpan.FromSeconds(quick ? 4 : 10), WarmUpDomain, cancellationToken, firstIndex: slice * 10_000);
            var perComplaint = (node.CpuTime() - cpuBefore).TotalMilliseconds / Math.Max(1, result.Offered);
            Console.WriteLine($"  warm-up (not measured) {slice + 1}: {result.Successes} complaints at {rate:0}/s, {result.Errors} errors, " +
                $"p95 {Percentiles.Of(result.Latencies, 95):0} ms, node CPU {perComplaint:0.0} ms per complaint");
            if (slice >= 3 && Math.Abs(perComplaint - previous) <= 0.10 * previous)
            {
                break;
            }

            previous = perComplaint;
        }

        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
    }

    /// <summary>A virtual customer: the antiforgery cookie of its browser and the form's hidden fields.</summary>
    private sealed record Customer(string Cookie, IReadOnlyDictionary<string, string> Hidden);

    /// <summary>What one run sent and got back; filled concurrently by the requests.</summary>
    private sealed class RunResult
    {
        public ConcurrentBag<double> LatencyBag { get; } = [];

        public ConcurrentBag<double> LagBag { get; } = [];

        public ConcurrentBag<string> ReferenceBag { get; } = [];

        public ConcurrentQueue<string> ErrorQueue { get; } = new();

        public int Offered;
        public int Successes;
        public int Errors;

        public TimeSpan Elapsed { get; set; }

        public IReadOnlyCollection<double> Latencies => LatencyBag;

        public IReadOnlyCollection<double> SendLags => LagBag;

        public IEnumerable<string> References => ReferenceBag;

        public IEnumerable<string> ErrorSamples => ErrorQueue.Take(10);

        public void Fail(string error)
        {
            if (Interlocked.Increment(ref Errors) <= 10)
            {
                ErrorQueue.Enqueue(error);
            }
        }
    }

    /// <summary>Opens the form once per virtual customer, as each customer's browser would.</summary>
    private static async Task<List<Customer>> CustomersAsync(HttpClient http, int count, CancellationToken cancellationToken)
    {
        var customers = new List<Customer>(count);
        for (var i = 0; i < count; i++)
        {
            using var page = await http.GetAsync("complain", cancellationToken);
            page.EnsureSuccessStatusCode();
            var cookie = string.Join("; ", page.Headers.TryGetValues("Set-Cookie", out var values)
                ? values.Select(v => v.Split(';', 2)[0])
                : []);
            if (!cookie.Contains(".AspNetCore.Antiforgery", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("GET /complain set no antiforgery cookie.");
            }

            var hidden = StaffSession.HiddenFields(await page.Content.ReadAsStringAsync(cancellationToken), "public-complaint");
            if (!hidden.ContainsKey("__RequestVerificationToken"))
            {
                throw new InvalidOperationException("The complaint form carries no antiforgery token.");
            }

            customers.Add(new Customer(cookie, hidden));
        }

        return customers;
    }

    /// <summary>Sends complaints due at <paramref name="rate"/> per second for <paramref name="duration"/>, whatever the answers.</summary>
    private static async Task<RunResult> OpenLoopAsync(
        HttpClient http, IReadOnlyList<Customer> customers, double rate, TimeSpan duration, string domain, CancellationToken cancellationToken, int firstIndex = 0,
        string path = FormPath)
    {
        var result = new RunResult();
        var total = (int)Math.Round(rate * duration.TotalSeconds);
        var faker = new Faker("en") { Random = new Randomizer((domain == MeasuredDomain ? 2026 : 11) + firstIndex) };
        var forms = Enumerable.Range(firstIndex, total).Select(i => Complaint(faker, i, domain)).ToArray();
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            result.Offered++;
            inFlight.Add(PostAsync(http, customers[i % customers.Count], forms[i], clock, due, result, cancellationToken, path));
        }

        await Task.WhenAll(inFlight);
        result.Elapsed = clock.Elapsed;
        return result;
    }

    /// <summary><paramref name="workers"/> customers each sending the next complaint as soon as the last is confirmed.</summary>
    private static async Task<RunResult> ClosedLoopAsync(HttpClient http, IReadOnlyList<Customer> customers, int workers, TimeSpan duration, string domain,
        CancellationToken cancellationToken, string path = FormPath)
    {
        var result = new RunResult();
        var faker = new Faker("en") { Random = new Randomizer(7) };
        var forms = Enumerable.Range(0, 40_000).Select(i => Complaint(faker, i, domain)).ToArray();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            while (clock.Elapsed < duration)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= forms.Length)
                {
                    return;
                }

                Interlocked.Increment(ref result.Offered);
                await PostAsync(http, customers[w % customers.Count], forms[i], clock, clock.Elapsed, result, cancellationToken, path);
            }
        }));
        result.Elapsed = clock.Elapsed;
        return result;
    }

    private static async Task PostAsync(HttpClient http, Customer customer, Dictionary<string, string> form, Stopwatch clock, TimeSpan due, RunResult result,
        CancellationToken cancellationToken, string path = FormPath)
    {
        // Yield first so that the scheduler loop never waits for the request's synchronous part.
        await Task.Yield();
        result.LagBag.Add((clock.Elapsed - due).TotalMilliseconds);
        try
        {
            var fields = new Dictionary<string, string>(customer.Hidden);
            foreach (var (key, value) in form)
            {
                fields[key] = value;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Add("Cookie", customer.Cookie);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var latency = (clock.Elapsed - due).TotalMilliseconds;
            var location = response.Headers.Location?.OriginalString ?? string.Empty;
            var confirmation = ConfirmationPattern().Match(location);
            if (response.StatusCode == HttpStatusCode.Redirect && confirmation.Success)
            {
                result.LatencyBag.Add(latency);
                result.ReferenceBag.Add(Uri.UnescapeDataString(confirmation.Groups[1].Value));
                Interlocked.Increment(ref result.Successes);
                return;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var alert = AlertPattern().Match(body);
            result.LatencyBag.Add(latency);
            result.Fail($"HTTP {(int)response.StatusCode}{(location.Length > 0 ? $" to {location}" : string.Empty)}" +
                $"{(alert.Success ? $": {WebUtility.HtmlDecode(alert.Groups[1].Value.Trim())}" : string.Empty)}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            result.LatencyBag.Add((clock.Elapsed - due).TotalMilliseconds);
            result.Fail($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>A complete, valid web-form complaint with a distinct e-mail address at <paramref name="domain"/>.</summary>
    private static Dictionary<string, string> Complaint(Faker faker, int index, string domain)
    {
        var (category, products, problems) = faker.PickRandom(Catalogue);
        var product = faker.PickRandom(products);
        var first = faker.Name.FirstName();
        var last = faker.Name.LastName();
        var local = new string($"{first}.{last}".Where(c => char.IsAsciiLetterOrDigit(c) || c == '.').ToArray()).ToLowerInvariant();
        var ordered = faker.Date.Recent(30, new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
        var description = $"{faker.PickRandom(problems)}\nI ordered the {product} on {ordered:d MMMM}. " +
            $"{faker.PickRandom("I have photos if you need them.", "This is the second time this happens.", "Please contact me by e-mail.", "I would like this sorted quickly.")}";
        return new Dictionary<string, string>
        {
            ["Form.Name"] = $"{first} {last}",
            ["Form.Email"] = $"{local}.{index}@{domain}",
            ["Form.Phone"] = faker.Random.Bool(0.6f) ? $"+7 70{faker.Random.Number(0, 9)} {faker.Random.Number(100, 999)} {faker.Random.Number(10, 99)} {faker.Random.Number(10, 99)}" : string.Empty,
            ["Form.OrderNumber"] = faker.Random.Bool(0.8f) ? $"ZW-{faker.Random.Number(100_000, 999_999)}" : string.Empty,
            ["Form.Product"] = product,
            ["Form.CategoryCode"] = category,
            ["Form.PreferredResolution"] = faker.PickRandom(Resolutions),
            ["Form.Description"] = description,
            ["Form.Website"] = string.Empty,
            ["Form.Consent"] = "true",
        };
    }

    /// <summary>References of the complaints from <paramref name="domain"/>, read from the SQLite file (read-only).</summary>
    private static HashSet<string> StoredReferences(string database, string domain)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Reference FROM Complaints WHERE CustomerEmail LIKE $pattern";
        command.Parameters.AddWithValue("$pattern", "%@" + domain);
        var references = new HashSet<string>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            rows++;
            references.Add(reader.GetString(0));
        }

        return rows == references.Count ? references : throw new InvalidOperationException($"{rows - references.Count} references are stored twice.");
    }

    private static int CountFiles(string folder) => Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.eml").Count() : 0;

    [GeneratedRegex(@"/complain/received/(ZW-[0-9]{4}-[0-9]{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex ConfirmationPattern();

    [GeneratedRegex("""data-testid="(?:form-error|public-error)"[^>]*>([^<]*)<""", RegexOptions.CultureInvariant)]
    private static partial Regex AlertPattern();
}
