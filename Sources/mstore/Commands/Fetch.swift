import ArgumentParser
import Foundation
import MStore

/// What `fetch` and `update` share: the network flags, the API key, one line per retry.
struct NetworkOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Seconds to wait for a publisher's answer, 1 to 600.", valueName: "seconds"))
    var timeout: Double = 30

    @Option(help: ArgumentHelp("Tries per request when a publisher answers 429 or 5xx, 1 to 10.", valueName: "n"))
    var tries: Int = 4

    @Option(
        name: .customLong("max-response"),
        help: ArgumentHelp("The most megabytes taken from a publisher for one source (inflated), 1 to 65536; a larger answer fails and nothing of it is stored.", valueName: "MB"))
    var maxResponse: Int = 512

    func validate() throws {
        guard timeout.isFinite, (1...600).contains(timeout) else { throw ValidationError("--timeout \(formatNumber(timeout)): expected 1 to 600 seconds") }
        try checkRange(tries, 1...10, flag: "--tries")
        try checkRange(maxResponse, 1...65536, flag: "--max-response")
    }

    /// Fetch options with the network settings, FRED's key (FRED_API_KEY, else mstore.toml) and retry notes.
    func fetchOptions(config: ConfigOptions, configFolder: String) throws -> FetchOptions {
        var options = FetchOptions()
        options.timeout = timeout
        options.attempts = tries
        options.maxResponseBytes = maxResponse << 20
        let environment = ProcessInfo.processInfo.environment
        if let key = environment["FRED_API_KEY"], !key.isEmpty {
            options.apiKey = key
        } else if let key = try config.load(folder: configFolder).string("fred", "api_key"), !key.isEmpty {
            options.apiKey = key
        }
        if let key = options.apiKey { Secrets.register(key) }
        options.onRetry = { source, what, wait in
            writeToStandardError("mstore: \(source): the publisher answered \(what); trying again in \(formatNumber(wait)) s")
        }
        return options
    }
}

/// A line that rewrites itself on a terminal: "fetching 3/12 fred:WRESBAL".
final class StatusLine: @unchecked Sendable {
    private let enabled = isTerminal(2)
    private var shown = false

    func show(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        shown = true
    }

    func clear() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }
}

extension MStoreCommand {
    struct Fetch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fetch",
            abstract: "Fetch series from the publishers and store them, keeping every revision.",
            discussion: """
                Sources:
                  fred:ID        FRED's API (a key: FRED_API_KEY, or api_key under [fred] in
                                 mstore.toml): values, title, units and notes
                  fredgraph:ID   FRED's graph CSV, no key needed
                  nyfed:RATE     New York Fed Markets API: sofr, effr, obfr, tgcr, bgcr
                                 (percentiles and volume, keys as the CSV layout's), or rrp
                                 (overnight reverse repo: RRP.ACCEPTED, RRP.SUBMITTED, RRP.RATE)
                  https://...    any file ingest reads, with ingest's layout flags
                Each payload is ingested as one file: the same checks, all or nothing, and
                ingest_run records the source, the URL (never the API key) and the payload's
                SHA-256. Each series remembers its source for mstore update.
                --all-vintages asks FRED for every real-time period: each version is stored
                as known from the day FRED published it, so --as-of and revisions answer
                from FRED's own history (ALFRED).
                A publisher that answers 429 or 5xx is asked again (--tries, honouring
                Retry-After); one source failing never stops the others. Publishers'
                addresses come from MSTORE_FRED_URL, MSTORE_FRED_GRAPH_URL, MSTORE_NYFED_URL
                when set (mirrors, proxies).

                Examples:
                  mstore fetch fred:WRESBAL nyfed:sofr
                  mstore fetch fred:GDPC1 --all-vintages
                  mstore fetch fredgraph:WALCL --since 2020
                  mstore fetch http://example.org/spx.csv --prefix SPX.
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("Sources: fred:ID, fredgraph:ID, nyfed:RATE or a URL.", valueName: "source"))
        var sources: [String] = []

        @Flag(help: "FRED: every real-time period, each version stored as known from its start.")
        var allVintages = false

        @Option(help: ArgumentHelp("Only observations from this date on.", valueName: "date"), transform: { try parseBound($0) })
        var since: PeriodBound?

        @Option(help: ArgumentHelp("The day the values became known (default: today; FRED's real-time periods win).", valueName: "date"), transform: { try parseBound($0) })
        var vintage: PeriodBound?

        @Flag(help: "Fetch and check, show what would change, write nothing.")
        var dryRun = false

        @Option(help: ArgumentHelp("Tag every series fetched (repeatable).", valueName: "key=value"))
        var tag: [String] = []

        @OptionGroup var network: NetworkOptions
        @OptionGroup(title: "How to read a URL's file") var reading: ReadingOptions
        @OptionGroup var config: ConfigOptions

        func validate() throws {
            guard !sources.isEmpty else { throw ValidationError("give at least one source: fred:ID, fredgraph:ID, nyfed:RATE or a URL") }
            for s in sources { _ = try reportingErrors { try FetchSource(s) } }
            for t in tag { _ = try parseTag(t) }
        }

        func run() throws {
            TemporaryFiles.removeOnSignals()
            let db = try reportingErrors {
                guard dryRun else { return try store.open() }
                return try store.openForPlanning()
            }
            var options = try reportingErrors { try network.fetchOptions(config: config, configFolder: store.configFolder) }
            options.allVintages = allVintages
            options.since = since?.first
            options.ingest = IngestOptions(vintage: vintage?.first, dryRun: dryRun)
            try reading.apply(to: &options.ingest)
            options.ingest.tags = try tag.map(parseTag)
            let flags = reading.arguments
            let fetcher = Fetcher(endpoints: FetchEndpoints(environment: ProcessInfo.processInfo.environment))
            try eachSource(sources, verb: "fetching", label: { $0 }, failed: { sources.count > 1 ? "\($0): nothing of it was stored" : nil }) { text in
                let source = try FetchSource(text)
                var these = options
                these.flags = source.kind == .url && !flags.isEmpty ? jsonArray(flags) : nil
                let report = try db.fetch(source, fetcher: fetcher, options: these)
                return {
                    writeToStandardOutput(report.summary + "\n")
                    for note in report.notes { writeToStandardError("mstore: note: \(report.fileName): \(note)") }
                }
            }
        }
    }
}

/// Fetches each source in turn behind a status line; a failure is reported and the next one
/// goes on. The exit code: 0 when every one was stored, 75 (partial) when some failed and
/// others were stored, else the first failure's own code. `body` returns what to print once
/// the status line is cleared.
func eachSource<T>(
    _ items: [T], verb: String, label: (T) -> String, failed: (T) -> String?, _ body: (T) throws -> () -> Void
) throws {
    let status = StatusLine()
    var failure: Int32?
    var stored = 0
    for (i, item) in items.enumerated() {
        status.show("\(verb) \(i + 1)/\(items.count) \(label(item))")
        do {
            let report = try body(item)
            stored += 1
            status.clear()
            report()
        } catch {
            status.clear()
            let known = error as? MStoreError
            writeToStandardError("mstore: error: \(known?.description ?? "\(error)")")
            if let line = failed(item) { writeToStandardError("mstore: \(line)") }
            failure = failure ?? known?.exitCode ?? ExitStatus.usage
        }
    }
    if let failure { throw ExitCode(stored > 0 ? ExitStatus.partial : failure) }
}

func jsonArray(_ items: [String]) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: items), let text = String(data: data, encoding: .utf8) else { return "[]" }
    return text
}
