/// An mstore store: the series catalog, bitemporal observations and the provenance of every
/// ingest, in one SQLite file or, for a desk that shares one, on a PostgreSQL server
/// (`postgresql://USER@HOST:PORT/DATABASE?schema=NAME`).
///
/// Opening a store applies any pending migrations from `Migrations/` (embedded in the
/// binary), turns on WAL so readers are never blocked by a writer, and waits up to five
/// seconds for a busy lock instead of failing at once.
///
/// A `Store` is the same for every storage engine: it chooses the engine from its location
/// and asks it only what differs between engines (see `docs/ARCHITECTURE.md`).
///
/// ```swift
/// let store = try Store(path: "mstore.db")
/// let report = try store.ingest(path: "WRESBAL.csv")
/// let points = try store.observations(key: "WRESBAL", asOf: Day(year: 2025, month: 6, day: 30))
/// ```
public final class Store: Sendable {
    /// Where the store lives: a file's path, `:memory:` for a temporary in-memory store, or
    /// a server's `postgresql://` URL (without its password).
    public let path: String
    let engine: any StoreEngine

    /// The default location: `$MSTORE_DB`, else `./mstore.db`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let env = environment["MSTORE_DB"], !env.isEmpty { return env }
        return "mstore.db"
    }

    /// Opens the store at `path`.
    ///
    /// For writing (the default) a missing or empty file becomes a new store and an mstore
    /// store's schema is brought up to date; a SQLite file that is not an mstore store, or
    /// one written by a newer mstore, is refused. With `readOnly` the file is opened
    /// read-only: nothing in it changes (no migration, no journal-mode switch), and it
    /// works on read-only files, directories and media.
    ///
    /// - Parameters:
    ///   - mustExist: a missing file is an error instead of a new store (implied by `readOnly`).
    ///   - readOnly: open for reading only.
    ///   - wait: how long a writer waits for another writer to finish (seconds); after a
    ///     second of waiting it says so once on standard error.
    public init(path: String, mustExist: Bool = false, readOnly: Bool = false, wait: Double = 5) throws {
        if Self.serverScheme(path) != nil {
            let server = try PostgreSQLEngine(url: path, mustExist: mustExist, readOnly: readOnly, wait: wait)
            // A server's URL is shown without its password.
            self.path = server.shown
            engine = server
        } else {
            self.path = path
            engine = try SQLiteEngine(path: path, mustExist: mustExist, readOnly: readOnly, wait: wait)
        }
    }

    /// A private store that lives in memory (for tests and experiments).
    public init() throws {
        path = ":memory:"
        engine = try SQLiteEngine()
    }

    /// Whether `location` names a server (`postgresql://…`) rather than a file.
    public static func isServer(_ location: String) -> Bool { serverScheme(location) != nil }

    /// `location` as messages and pages show it: a server's URL without its password.
    public static func shown(_ location: String) -> String {
        isServer(location) ? ((try? PGLocation(location))?.shown ?? PGLocation.redacted(location)) : location
    }

    /// The URL scheme of a location that names a server rather than a file.
    static func serverScheme(_ location: String) -> String? {
        for scheme in ["postgresql", "postgres"] where location.lowercased().hasPrefix(scheme + "://") { return scheme }
        return nil
    }

    /// Identifiers of the migrations recorded in the store, in the order they were applied.
    public func appliedMigrations() throws -> [String] { try engine.appliedMigrations() }
}

// MARK: - Reads

extension Store {
    /// The series catalog, one entry per series, in key order; spans as known on `asOf`.
    public func catalog(asOf: Day? = nil) throws -> [SeriesInfo] { try engine.catalog(asOf: asOf, key: nil) }

    /// Observations of `key` between `since` and `until` (inclusive), as currently known or,
    /// with `asOf`, as they were known on that day.
    ///
    /// - Throws: ``MStoreError/notFound(what:hint:)`` when the store has no such series.
    public func observations(key: String, since: Day? = nil, until: Day? = nil, asOf: Day? = nil) throws -> [Observation] {
        try engine.observations(key: key, since: since, until: until, asOf: asOf)
    }

    /// The catalog key as stored (keys match case-insensitively).
    public func canonicalKey(_ key: String) throws -> String { try engine.canonicalKey(key) }

    /// One series' catalog entry.
    public func seriesInfo(key: String) throws -> SeriesInfo {
        let canonical = try canonicalKey(key)
        guard let info = try engine.catalog(asOf: nil, key: canonical).first else {
            throw MStoreError.notFound(what: "series \(quoted(key))", hint: "see `mstore series`")
        }
        return info
    }

    /// The tags of a series, by name.
    public func tags(key: String) throws -> [(name: String, value: String)] { try engine.tags(key: key) }

    /// Sets (or replaces) tags on a series and removes the named ones.
    public func setTags(key: String, set: [(String, String)], remove: [String] = []) throws {
        try engine.setTags(key: key, set: set, remove: remove)
    }

    /// The ingest runs that stored values of a series, oldest first.
    public func ingestHistory(key: String) throws -> [IngestRun] { try engine.ingestHistory(key: key) }

    /// Every revision of a series with an observation date in [since, until], by date then vintage.
    public func revisions(key: String, since: Day? = nil, until: Day? = nil, asOf: Day? = nil) throws -> [Revision] {
        var result: [Revision] = []
        var previous: (date: Day, value: Double)?
        for version in try engine.versions(key: key, since: since, until: until, asOf: asOf) {
            if let p = previous, p.date == version.date, p.value != version.value {
                result.append(Revision(date: version.date, oldValue: p.value, newValue: version.value, vintage: version.vintage))
            }
            previous = (version.date, version.value)
        }
        return result
    }

    /// One row per series that was ever revised, most revised first: how many revisions,
    /// of how many dates, by how much (absolute and in percent of the old value) and how
    /// many days after the observation date (the median).
    ///
    /// ```swift
    /// for s in try store.revisionSummary() { print(s.key, s.revisions, s.medianDaysAfter) }
    /// ```
    public func revisionSummary(since: Day? = nil, until: Day? = nil, asOf: Day? = nil) throws -> [RevisionSummary] {
        var byKey: [(key: String, unit: String?, items: [Revision])] = []
        for (key, unit, revision) in try engine.allRevisions(since: since, until: until, asOf: asOf) {
            if byKey.last?.key != key { byKey.append((key, unit, [])) }
            byKey[byKey.count - 1].items.append(revision)
        }
        let summaries = byKey.map { entry -> RevisionSummary in
            // Changes rounded to the decimals of the values, as `Revision.change` does.
            let changes = entry.items.map { abs($0.change) }
            let percents = entry.items.map { $0.oldValue == 0 ? 0 : abs($0.newValue - $0.oldValue) / abs($0.oldValue) * 100 }
            let late = entry.items.map { Double($0.daysAfter) }.sorted()
            let middle = late.count / 2
            return RevisionSummary(
                key: entry.key, unit: entry.unit, revisions: entry.items.count, datesRevised: Set(entry.items.map(\.date)).count,
                vintages: Set(entry.items.map(\.vintage)).count,
                meanAbsoluteChange: changes.reduce(0, +) / Double(changes.count), maxAbsoluteChange: changes.max() ?? 0,
                meanAbsolutePercent: percents.reduce(0, +) / Double(percents.count),
                medianDaysAfter: late.count % 2 == 1 ? late[middle] : (late[middle - 1] + late[middle]) / 2,
                lastVintage: entry.items.map(\.vintage).max() ?? entry.items[0].vintage)
        }
        return summaries.sorted { ($0.revisions, $1.key) > ($1.revisions, $0.key) }
    }

    /// Revisions that became known on or after `since` (by vintage), across all series:
    /// the data fog as it arrives.
    public func revisionsArrived(since: Day) throws -> [(key: String, revision: Revision)] { try engine.revisionsArrived(since: since) }

    /// The catalog entries of `keys` (expressions give their component series) with the
    /// time of the last ingest that stored their values: the metadata sheet of a workbook.
    public func metadataTable(keys: [String]) throws -> ResultTable {
        var seen: [String] = []
        for key in keys {
            for part in self.keys(inExpression: key) {
                if let canonical = try? canonicalKey(part), !seen.contains(canonical) { seen.append(canonical) }
            }
        }
        let rows: [[Cell]] = try seen.map { key in
            let info = try seriesInfo(key: key)
            let last = try ingestHistory(key: key).compactMap(\.finishedAt).max()
            return [
                .text(key), info.name.map(Cell.text) ?? .null, info.unit.map(Cell.text) ?? .null, info.frequency.map(Cell.text) ?? .null,
                info.source.map(Cell.text) ?? .null, last.map(Cell.text) ?? .null,
            ]
        }
        return ResultTable(columns: ["key", "name", "unit", "frequency", "source", "last_ingest"], rows: rows)
    }

    /// Runs one read-only SQL statement over the store and returns its rows.
    ///
    /// The statement runs on a separate read-only connection, and statements that would
    /// write (or attach other files) are refused before they run. Its limits belong to that
    /// connection: two stores' statements never share a deadline or a memory cap.
    ///
    /// ```swift
    /// let table = try store.query(sql: "SELECT series, count(*) FROM current_observation GROUP BY series")
    /// ```
    public func query(sql: String, limits: SQLLimits = SQLLimits()) throws -> ResultTable { try engine.query(sql: sql, limits: limits) }
}

// MARK: - The store as a series source

/// The store as a ``SeriesSource``: the reads every signal is built on.
extension Store: SeriesSource {
    /// One series by key (case-insensitive), up to `until`, as known on `asOf`, with its unit.
    public func series(key: String, until: Day?, asOf: Day?) throws -> TimeSeries {
        let stored = try canonicalKey(key)
        let info = try seriesInfo(key: stored)
        return TimeSeries(key: stored, observations: try observations(key: stored, until: until, asOf: asOf), unit: info.unit)
    }

    /// Whether the store has a series with this key (matched case-insensitively).
    public func hasSeries(_ key: String) -> Bool { engine.hasSeries(key) }

    /// The catalog frequency of a series key (for FRED's observations-per-year).
    public func frequency(of key: String) throws -> String? { try seriesInfo(key: key).frequency }

    /// Every series with a tag `name` and its value, by value then key.
    public func tagged(_ name: String) throws -> [(key: String, value: String)] { try engine.tagged(name) }

    /// Keys of the series that carry every one of `tags`.
    public func keys(withTags tags: [(String, String)]) throws -> [String] { try engine.keys(withTags: tags) }

    /// For each date, the value of every series tagged `tag=value` that has one on it
    /// (point-in-time membership), as known on `asOf`.
    public func crossSection(tag: String, value: String, since: Day? = nil, until: Day? = nil, asOf: Day? = nil) throws -> CrossSection {
        try engine.crossSection(tag: tag, value: value, since: since, until: until, asOf: asOf)
    }

    /// Why an answer over `keys` (plain keys or expressions; the whole store when empty)
    /// for the period `since`…`until`, as known on `asOf`, has no rows — one sentence for
    /// the user: the period is after the last observation or before the first, or nothing
    /// had been ingested yet as of that day.
    public func emptyAnswerReason(keys: [String], since: Day?, until: Day?, asOf: Day?) -> String {
        let plain = keys.flatMap { self.keys(inExpression: $0) }.compactMap { try? canonicalKey($0) }
        let what = plain.isEmpty ? "the store" : plain.count == 1 ? plain[0] : plain.joined(separator: ", ")
        guard let (firstVintage, first, last) = try? engine.observedSpan(keys: plain, asOf: asOf) else {
            return "no observations of \(what) in that period"
        }
        guard let firstVintage else { return "\(what) has no observations" }
        if let asOf, asOf < firstVintage {
            let subject = plain.isEmpty ? "in the store" : "of \(what)"
            return "as of \(asOf) nothing \(subject) was known yet: the first vintage is \(firstVintage)"
        }
        if let since, let last, since > last {
            return "--since \(since) is after the last observation of \(what) (\(last)\(asOf.map { " as known on \($0)" } ?? ""))"
        }
        if let until, let first, until < first {
            return "--until \(until) is before the first observation of \(what) (\(first))"
        }
        return "no observations of \(what) between \(since?.description ?? "its start") and \(until?.description ?? "its end")"
    }
}

// MARK: - Sources to update

extension Store {
    /// The sources to refresh, grouped, for every series with one, or only `keys` and the
    /// series carrying every one of `tags`.
    ///
    /// - Throws: ``MStoreError/notFound(what:hint:)`` for an unknown key;
    ///   ``MStoreError/usage(_:)`` for a series that was ingested from a file and has no source.
    public func updateTargets(keys: [String] = [], tags: [(String, String)] = []) throws -> [UpdateTarget] {
        let stored = try engine.fetchSources()
        var wanted: Set<String>?
        if !keys.isEmpty || !tags.isEmpty {
            var chosen = Set<String>()
            let withSource = Set(stored.map(\.key))
            for key in keys {
                let canonical = try canonicalKey(key)
                guard withSource.contains(canonical) else {
                    throw MStoreError.usage("\(canonical) has no source to update from: it was ingested from a file (mstore fetch remembers a source)")
                }
                chosen.insert(canonical)
            }
            if !tags.isEmpty { chosen.formUnion(try self.keys(withTags: tags)) }
            wanted = chosen
        }
        var targets: [UpdateTarget] = []
        for row in stored {
            if let wanted, !wanted.contains(row.key) { continue }
            guard let source = try? FetchSource(row.source) else { continue }
            let last = row.lastObservation
            if let i = targets.firstIndex(where: { $0.source == source && $0.allVintages == row.allVintages && $0.flags == row.flags }) {
                targets[i].keys.append(row.key)
                if let last { targets[i].lastObservation = max(targets[i].lastObservation ?? last, last) }
            } else {
                targets.append(
                    UpdateTarget(
                        source: source, allVintages: row.allVintages, flags: row.flags, keys: [row.key], lastFetched: row.lastFetched,
                        lastObservation: last))
            }
        }
        return targets
    }
}
