import Foundation

/// One line of `mstore status`: a headline indicator of one dynamic of the story.
public struct StatusLine: Sendable {
    /// The dynamic of the story it belongs to (Funding, Repo, Credit, …).
    public var dynamic: String
    /// The indicator: a key, an expression or a derived `@…` signal.
    public var indicator: String
    /// Its latest value, when it has one.
    public var latest: Double?
    /// The date of the latest value.
    public var date: Day?
    /// The change since the last value a month before.
    public var change1m: Double?
    /// The change since the last value three months before.
    public var change3m: Double?
    /// Where the latest value ranks in the indicator's whole history, 0–100.
    public var percentile: Double?
    /// The recent path (weekly or monthly points, oldest first), for a sparkline.
    public var recent: [Double]
    /// The configured threshold was crossed (`> x` or `< x`).
    public var flagged: Bool
    /// The configured threshold, as `> x` or `< x`.
    public var threshold: String?
    /// The last observation is older than the indicator's frequency allows.
    public var stale: Bool
    /// Why the indicator could not be computed (a missing series), if so.
    public var problem: String?
}

extension NamedQueries {
    /// An indicator by expression, or a derived one: `@marks` (widest mark spread),
    /// `@concentration` (top-N share), `@repo_share` (the share of repo volume at or above
    /// IORB, from the `repo` query), `@fragility` (the composite), `@corr(A,B,N)` (rolling
    /// correlation of returns), `@drawdown(A)`. Derived ones cover their whole history.
    public func indicator(_ expression: String, role: String = "status") throws -> TimeSeries {
        func arguments(_ prefix: String) -> [String]? {
            guard expression.hasPrefix(prefix + "("), expression.hasSuffix(")") else { return nil }
            return expression.dropFirst(prefix.count + 1).dropLast().split(separator: ",").map { String($0).trimmingSpaces }
        }
        var history = self
        history.since = nil
        switch expression {
        case "@marks": return try history.widestMarkSpread()
        case "@concentration":
            let points = try history.concentrationPoints()
            return TimeSeries(key: expression, dates: points.map(\.date), values: points.map(\.topShare))
        case "@repo_share":
            let table = try RepoMonitor.run(history)
            guard let column = table.columns.firstIndex(of: "share_at_or_above_iorb") else {
                throw MStoreError.notFound(
                    what: "the SOFR percentiles behind @repo_share (\(RepoMonitor.roles(config).ladder.map(\.1).joined(separator: ", ")))",
                    hint: "ingest the New York Fed's reference rates (mstore fetch nyfed:sofr)")
            }
            let dates = table.rows.compactMap { row -> Day? in if case let .date(d) = row[0] { return d } else { return nil } }
            let values = table.rows.map { row -> Double in if case let .number(v) = row[column] { return v } else { return .nan } }
            return TimeSeries(key: expression, dates: dates, values: values, unit: "share").droppingMissing()
        case "@fragility":
            let table = try history.fragility()
            return TimeSeries(
                key: expression, dates: table.rows.compactMap { if case let .date(d) = $0[0] { return d } else { return nil } },
                values: table.rows.map { if case let .number(v) = $0[1] { return v } else { return .nan } })
        default: break
        }
        if let args = arguments("@corr"), args.count == 3, let window = Window(args[2]) {
            return PairStatistics(try series(args[0], role: role), try series(args[1], role: role), window: window).correlationSeries(expression)
        }
        if let args = arguments("@drawdown"), args.count == 1 {
            return try series(args[0], role: role).drawdown()
        }
        return try series(expression, role: role)
    }

    /// Days an observation may age before a series of this frequency counts as stale.
    static func allowedAge(_ frequency: String?) -> Int {
        switch frequency?.uppercased() {
        case "D"?: return 3
        case "B"?: return 5
        case let f? where f.hasPrefix("W"): return 14
        case "M"?: return 62
        case "Q"?: return 190
        case "A"?: return 740
        default: return 62
        }
    }

    /// The status screen: for every configured indicator (config `status.indicators`,
    /// entries `Dynamic: EXPR [> x | < x]`), the latest value and date, changes over one
    /// and three months, percentile in its history, the recent path, threshold and
    /// staleness flags. Staleness is measured against the newest observation among all
    /// indicators (or `asOf`), so a store of old files is judged against itself.
    public func status() throws -> [StatusLine] {
        var lines: [StatusLine] = []
        var series: [(Int, TimeSeries, String?)] = []
        for entry in config.list("status", "indicators") {
            let (dynamic, rest) = entry.split(separator: ":", maxSplits: 1).map { String($0).trimmingSpaces }.splitPair
            var expression = rest
            var threshold: (Bool, Double)?  // (above, value)
            for (op, above) in [(" > ", true), (" < ", false)] {
                if let r = rest.range(of: op), let value = Double(String(rest[r.upperBound...]).trimmingSpaces) {
                    expression = String(rest[..<r.lowerBound]).trimmingSpaces
                    threshold = (above, value)
                }
            }
            var line = StatusLine(
                dynamic: dynamic, indicator: expression, recent: [], flagged: false,
                threshold: threshold.map { ($0.0 ? "> " : "< ") + formatNumber($0.1) }, stale: false)
            do {
                let s = try indicator(expression).droppingMissing()
                guard let i = s.dates.indices.last else {
                    line.problem = "no observations"
                    lines.append(line)
                    continue
                }
                let last = s.values[i]
                let date = s.dates[i]
                line.latest = last
                line.date = date
                line.change1m = s.value(onOrBefore: date.adding(months: -1)).map { cleaned(last - $0) }
                line.change3m = s.value(onOrBefore: date.adding(months: -3)).map { cleaned(last - $0) }
                line.percentile = (percentileRank(last, among: s.values) * 1000).rounded() / 10
                let frequency = expression.hasPrefix("@") || source.isExpression(expression)
                    ? Frequency.infer(Array(s.dates.suffix(60)))?.code : try source.frequency(of: expression)
                let coarse = frequency.map { ["M", "Q", "A"].contains($0) } ?? false
                line.recent = Array(s.resampled(to: coarse ? .monthly : .weekly(anchor: 5), using: .eop).values.suffix(coarse ? 24 : 26))
                if let (above, value) = threshold { line.flagged = above ? last > value : last < value }
                series.append((lines.count, s, frequency))
            } catch let error as MStoreError {
                line.problem = error.description
            }
            lines.append(line)
        }
        let reference = asOf ?? series.compactMap { $0.1.dates.last }.max()
        if let reference {
            for (index, s, frequency) in series {
                guard let last = s.dates.last else { continue }
                lines[index].stale = Int(reference.ordinal - last.ordinal) > Self.allowedAge(frequency)
            }
        }
        return lines
    }
}

/// The status lines as the table `mstore status` prints: flags as words (ALERT with its
/// threshold, STALE, MISSING with the reason), the path as a sparkline, values to four
/// decimals (whole numbers from 1,000 up) when `rounded` — for a screen; data for a file
/// or a program (csv, json, xlsx) keeps every digit.
public func statusTable(_ lines: [StatusLine], rounded: Bool = true) -> ResultTable {
    let rounded4: (Double) -> Cell = { rounded ? MStore.rounded4($0) : Cell.number($0) }
    return ResultTable(
        columns: ["dynamic", "indicator", "latest", "date", "chg_1m", "chg_3m", "pct", "trend", "flag"],
        rows: lines.map { l in
            var flags: [String] = []
            if l.flagged, let t = l.threshold { flags.append("ALERT \(t)") }
            if l.stale { flags.append("STALE") }
            if let problem = l.problem { flags.append("MISSING: \(problem)") }
            return [
                .text(l.dynamic), .text(l.indicator), l.latest.map(rounded4) ?? .null, l.date.map(Cell.date) ?? .null,
                l.change1m.map(rounded4) ?? .null, l.change3m.map(rounded4) ?? .null, l.percentile.map(Cell.number) ?? .null,
                .text(sparkline(l.recent)), .text(flags.joined(separator: " ")),
            ]
        })
}

/// Four significant decimals are plenty on one screen.
func rounded4(_ v: Double) -> Cell {
    .number(abs(v) >= 1000 ? v.rounded() : (v * 10_000).rounded() / 10_000)
}

extension Array where Element == String {
    /// ("Dynamic", "rest") from a two-part split; ("", whole) otherwise.
    var splitPair: (String, String) { count == 2 ? (self[0], self[1]) : ("", first ?? "") }
}

/// A unicode sparkline (▁▂▃▄▅▆▇█) of `values`, scaled between their min and max.
public func sparkline(_ values: [Double]) -> String {
    let finite = values.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max() else { return "" }
    let bars = Array("▁▂▃▄▅▆▇█")
    return String(values.map { v in
        guard v.isFinite else { return " " }
        let position = (v - lo) / (hi - lo) * 7.999
        guard hi > lo, position.isFinite else { return bars[3] }
        return bars[min(7, max(0, Int(position)))]
    })
}
