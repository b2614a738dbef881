/// Series held in memory as a ``SeriesSource``: for tests, for data computed on the fly, and
/// for the signals of a program that never writes a store.
///
/// Each entry is one series as known from a day (its vintage); several entries with the
/// same key are its versions, and `asOf` picks the latest one known by then.
///
/// ```swift
/// var source = MemorySource()
/// source.add(TimeSeries(key: "MCAP.A", dates: days, values: [3.0, 3.1]), tags: ["universe": "X"])
/// let table = try NamedQueries(source: source).concentration(universe: "X")
/// ```
public struct MemorySource: SeriesSource {
    /// One version of one series.
    public struct Entry: Sendable {
        /// The observations, key and unit.
        public var series: TimeSeries
        /// The frequency code; inferred from the dates when `nil`.
        public var frequency: String?
        /// Tags, as `name: value`.
        public var tags: [String: String]
        /// The day this version became known; `nil`: always known.
        public var knownFrom: Day?
    }

    /// Every version added, in order.
    public private(set) var entries: [Entry] = []

    /// A source holding `series`, always known.
    public init(_ series: [TimeSeries] = []) {
        for s in series { add(s) }
    }

    /// Adds a series (or a later version of one, known from `knownFrom`).
    public mutating func add(_ series: TimeSeries, frequency: String? = nil, tags: [String: String] = [:], knownFrom: Day? = nil) {
        entries.append(Entry(series: series, frequency: frequency, tags: tags, knownFrom: knownFrom))
    }

    /// The version of each key known on `asOf`, in key order.
    private func current(asOf: Day?) -> [Entry] {
        var latest: [String: Entry] = [:]
        for e in entries {
            if let asOf, let known = e.knownFrom, known > asOf { continue }
            let key = e.series.key.lowercased()
            if let held = latest[key], (held.knownFrom ?? Day(ordinal: Int32.min)) > (e.knownFrom ?? Day(ordinal: Int32.min)) { continue }
            latest[key] = e
        }
        return latest.values.sorted { $0.series.key < $1.series.key }
    }

    private func entry(_ key: String) throws -> Entry {
        guard let e = entries.first(where: { $0.series.key.lowercased() == key.lowercased() }) else {
            let similar = suggestions(for: key, among: Array(Set(entries.map(\.series.key)))).map(SeriesKey.quotedIfNeeded)
            throw MStoreError.notFound(
                what: "series \(quoted(key))", hint: similar.isEmpty ? "the source has no such series" : "did you mean \(similar.joined(separator: ", "))?")
        }
        return e
    }

    /// The version of `key` known on `asOf` (empty when none was), up to `until`.
    public func series(key: String, until: Day?, asOf: Day?) throws -> TimeSeries {
        let stored = try entry(key).series.key
        guard let e = current(asOf: asOf).first(where: { $0.series.key == stored }) else {
            return TimeSeries(key: stored, dates: [], values: [], unit: try entry(key).series.unit)
        }
        return e.series.slice(until: until).droppingMissing()
    }

    /// The frequency given when the series was added, else the one its dates show.
    public func frequency(of key: String) throws -> String? {
        let e = try entry(key)
        return e.frequency ?? Frequency.infer(e.series.dates)?.code
    }

    /// Per date, the values of the series tagged `tag=value`, as known on `asOf`.
    public func crossSection(tag: String, value: String, since: Day?, until: Day?, asOf: Day?) throws -> CrossSection {
        let keys = try self.keys(withTags: [(tag, value)])
        var byDay: [Day: [(index: Int32, value: Double)]] = [:]
        for e in current(asOf: asOf) where e.tags[tag] == value {
            guard let index = keys.firstIndex(of: e.series.key) else { continue }
            for o in e.series.slice(since: since, until: until).observations { byDay[o.date, default: []].append((Int32(index), o.value)) }
        }
        let days = byDay.keys.sorted()
        return CrossSection(keys: keys, days: days, members: days.map { byDay[$0] ?? [] })
    }

    /// Keys of the series carrying every one of `tags`, sorted.
    public func keys(withTags tags: [(String, String)]) throws -> [String] {
        Array(Set(entries.filter { e in tags.allSatisfy { e.tags[$0.0] == $0.1 } }.map(\.series.key))).sorted()
    }

    /// Every series with a tag `name` and its value, by value then key.
    public func tagged(_ name: String) throws -> [(key: String, value: String)] {
        var seen: [String: String] = [:]
        for e in entries { if let v = e.tags[name] { seen[e.series.key] = v } }
        return seen.map { (key: $0.key, value: $0.value) }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
    }

    /// Why an answer over `keys` in the period is empty, in one sentence.
    public func emptyAnswerReason(keys: [String], since: Day?, until: Day?, asOf: Day?) -> String {
        let known = current(asOf: asOf).map(\.series)
        let chosen = keys.isEmpty ? known : known.filter { s in keys.contains { $0.lowercased().contains(s.key.lowercased()) } }
        let dates = chosen.flatMap(\.dates)
        guard let first = dates.min(), let last = dates.max() else {
            return asOf.map { "as of \($0) nothing in the source was known yet" } ?? "the source has no observations"
        }
        if let since, since > last { return "--since \(since) is after the last observation (\(last))" }
        if let until, until < first { return "--until \(until) is before the first observation (\(first))" }
        return "no observations between \(since?.description ?? "the start") and \(until?.description ?? "the end")"
    }
}
