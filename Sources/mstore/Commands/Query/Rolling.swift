import ArgumentParser
import MStore

extension MStoreCommand.Query {
    struct Rolling: QueryCommand {
        static let configuration = CommandConfiguration(
            commandName: "rolling",
            abstract: "A rolling statistic of one series: mean, sum, std, min, max, zscore, pctrank, quantile, ewma.",
            discussion: """
                The window ends at each observation and includes it: a count of observations
                (252) or a calendar span (90d, 13w, 3m, 1y). Dates whose window has fewer than
                --min-periods values (default: the whole count; 1 for spans) are printed with
                an empty value.
                A constant window has z-score 0. --stat ewma uses --span or --half-life.

                Examples:
                  mstore query rolling WRESBAL --stat zscore --window 52
                  mstore query rolling SOFR-IORB --stat pctrank --window 1y
                  mstore query rolling SOFR --stat q0.9 --window 90d --min-periods 20
                  mstore query rolling BTC --stat ewma --span 30
                  mstore query rolling --tag universe=SPX --stat zscore --window 52

                With --tag instead of a key: every series carrying the tag, long (series,
                date, value, statistic), in key order.
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("Series key or expression (A-B, A/B).", valueName: "key"))
        var key: String?

        @Option(help: ArgumentHelp("Every series with this tag (repeatable; all must match), long output.", valueName: "key=value"))
        var tag: [String] = []

        @Option(help: ArgumentHelp("mean, sum, std, min, max, zscore, pctrank, median, q0.9, ewma.", valueName: "stat"))
        var stat = "mean"

        @Option(help: ArgumentHelp("Window: a count (252) or a span (90d, 13w, 3m, 1y).", valueName: "window"))
        var window: Window = .count(20)

        @Option(help: ArgumentHelp("Fewest values a window needs.", valueName: "n"))
        var minPeriods: Int?

        @Option(help: ArgumentHelp("EWMA span (α = 2 / (span + 1)).", valueName: "n"))
        var span: Double?

        @Option(help: ArgumentHelp("EWMA half-life in observations.", valueName: "n"))
        var halfLife: Double?

        @OptionGroup var period: PeriodOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard (key == nil) != tag.isEmpty else { throw ValidationError("give a series key or --tag key=value (not both)") }
            for t in tag { _ = try parseTag(t) }
            try checkRange(minPeriods, 1...100_000_000, flag: "--min-periods")
            try checkRange(span, 1...1_000_000, flag: "--span")
            try checkRange(halfLife, 0.001...1_000_000, flag: "--half-life")
            if stat.lowercased() == "ewma" {
                guard span != nil || halfLife != nil else { throw ValidationError("--stat ewma needs --span or --half-life") }
            } else if RollingStat(stat) == nil {
                throw ValidationError("--stat \(stat): expected mean, sum, std, min, max, zscore, pctrank, median, q0.9 or ewma")
            }
        }

        func run() throws {
            let request: NamedQueries.RollingRequest
            if stat.lowercased() == "ewma" {
                request = .ewma(span: span, halfLife: halfLife)
            } else if let parsed = RollingStat(stat) {
                request = .statistic(parsed, window, minPeriods: minPeriods)
            } else {
                throw ValidationError("--stat \(stat): unknown statistic")
            }
            guard let key else {
                try rollingLong(request)
                return
            }
            try answer(keys: [key]) { try $0.rolling(key, request) }
        }

        /// Every tagged series, long; csv, tsv and ndjson are rendered one series at a time.
        private func rollingLong(_ request: NamedQueries.RollingRequest) throws {
            try reportingErrors {
                let queries = try namedQueries(store, nil, period)
                let keys = try queries.source.keys(withTags: try tag.map(parseTag))
                guard !keys.isEmpty else {
                    throw MStoreError.notFound(what: "series tagged \(tag.joined(separator: " "))", hint: "see mstore series --tag")
                }
                let format = output.resolvedFormat
                guard [.csv, .tsv, .ndjson].contains(format) else {
                    var all: ResultTable?
                    try queries.rolling(eachOf: keys, request) { t in
                        if all == nil { all = t } else { all!.rows += t.rows }
                    }
                    try output.emit(all!)
                    return
                }
                // To standard output as computed (memory holds a batch); to a file whole,
                // through a temporary file and a rename.
                let streaming = output.output == nil
                var bytes: [UInt8] = output.bom && format != .ndjson ? Array("\u{FEFF}".utf8) : []
                func put(_ chunk: [UInt8]) {
                    if streaming {
                        writeBytesToStandardOutput(bytes.isEmpty ? chunk : bytes + chunk)
                        bytes = []
                    } else {
                        bytes += chunk
                    }
                }
                if format == .ndjson {
                    try queries.rolling(eachOf: keys, request) { put(Array($0.rendered(as: .ndjson).utf8)) }
                } else {
                    try queries.rollingBytes(eachOf: keys, request, format: format) { put($0) }
                }
                if !streaming { try output.emitBytes(bytes) }
            }
        }
    }
}
