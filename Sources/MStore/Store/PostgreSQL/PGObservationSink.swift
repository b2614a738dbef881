/// ``ObservationSink`` on PostgreSQL: a series' versions are read once into memory, every
/// value is placed there by the shared rules (``Placement``), and what changed is written
/// in a few statements (arrays unnested server-side) instead of one round trip per value.
/// A new series written date after date skips the reading. A dry run places values in
/// memory only and writes nothing.
final class PGObservationSink: ObservationSink {
    let c: PGConnection
    let runID: Int64
    let runVintage: [UInt8]
    let runVintageDay: Int32
    let fileName: String
    let dryRun: Bool
    let rowByRow: Bool

    /// One version, shared between a series' timeline and the pending writes.
    final class Version {
        var knownFrom: [UInt8]
        var ingestID: Int64
        var knownUntil: [UInt8]?
        var value: Double
        var line: Int
        /// Waiting in the pending inserts (an end set now is inserted with it).
        var pending = false
        init(knownFrom: [UInt8], ingestID: Int64, knownUntil: [UInt8]?, value: Double, line: Int) {
            self.knownFrom = knownFrom
            self.ingestID = ingestID
            self.knownUntil = knownUntil
            self.value = value
            self.line = line
        }
        var placement: Placement.Version {
            Placement.Version(knownFrom: knownFrom, ingestID: ingestID, knownUntil: knownUntil, value: value, line: line)
        }
    }

    /// A series' versions by date, and the runs that covered its dates.
    final class Timeline {
        var byDate: [Int32: [Version]] = [:]
        var coverage: [(vintage: [UInt8], run: Int64, first: Int32, last: Int32)] = []
    }
    private var timelines: [Int64: Timeline] = [:]

    /// Rows to insert, and stored versions whose end changed.
    private var inserts: [(series: Int64, date: Int32, version: Version)] = []
    private var closes: [(series: Int64, date: Int32, version: Version)] = []
    static let batchRows = 100_000

    init(c: PGConnection, runID: Int64, vintage: Day, fileName: String, dryRun: Bool, rowByRow: Bool) {
        self.c = c
        self.runID = runID
        runVintage = Array(vintage.description.utf8)
        runVintageDay = vintage.ordinal
        self.fileName = fileName
        self.dryRun = dryRun
        self.rowByRow = rowByRow
    }

    func write(series: SeriesSlot, date: Day, value: Double, line: Int, vintage: Day?) throws -> WriteOutcome {
        if vintage == nil {
            series.coverFirst = min(series.coverFirst ?? date.ordinal, date.ordinal)
            series.coverLast = max(series.coverLast ?? date.ordinal, date.ordinal)
        }
        let d = date.ordinal
        if !dryRun, !rowByRow, series.fresh, vintage == nil, series.latestDate.map({ d > $0 }) ?? true {
            // Later than anything this run wrote for a series that had nothing: new for sure.
            // Streamed to the server at once: no later row of this run changes it (a row for
            // the series that is not later reads its timeline back from the server first).
            series.latestDate = d
            timelines[series.id] = nil
            try stream(series: series.id, date: d, knownFrom: runVintageDay, ingestID: runID, knownUntil: nil, value: value, line: line)
            return .inserted
        }
        series.latestDate = max(series.latestDate ?? d, d)
        let timeline = try self.timeline(series.id)
        let v = vintage.map { Array($0.description.utf8) } ?? runVintage
        let versions = timeline.byDate[d] ?? []
        switch Placement.decide(versions.map(\.placement), value: value, vintage: v, runID: runID) {
        case let .twin(twin):
            return try Placement.twinOutcome(twin, value: value, file: fileName, key: series.key, date: date, line: line)
        case .unchanged:
            return .unchanged
        case let .revise(covering):
            guard let stored = versions.first(where: { $0.knownFrom == covering.knownFrom && $0.ingestID == covering.ingestID }) else {
                throw MStoreError.io(path: fileName, message: "internal conflict placing a revision of \(series.key) on \(date)")
            }
            let until = stored.knownUntil
            stored.knownUntil = v
            if !stored.pending, !dryRun { closes.append((series.id, d, stored)) }
            // A later run that gave this date without changing it confirmed the covering
            // value at its vintage: this (older) value holds only until then, and the
            // confirmed one is known again from there.
            let confirmed = timeline.coverage
                .filter { $0.first <= d && $0.last >= d && v.lexicographicallyPrecedes($0.vintage) && $0.run != runID }
                .filter { c in until.map { c.vintage.lexicographicallyPrecedes($0) } ?? true }
                .min { ($0.vintage.lexicographicallyPrecedes($1.vintage)) || ($0.vintage == $1.vintage && $0.run < $1.run) }
            try place(series.id, d, timeline, Version(knownFrom: v, ingestID: runID, knownUntil: confirmed?.vintage ?? until, value: value, line: line))
            if let confirmed {
                try place(series.id, d, timeline, Version(knownFrom: confirmed.vintage, ingestID: confirmed.run, knownUntil: until, value: stored.value, line: 0))
            }
            return .revised(old: covering.value)
        case let .backfill(until):
            try place(series.id, d, timeline, Version(knownFrom: v, ingestID: runID, knownUntil: until, value: value, line: line))
            return .inserted
        }
    }

    /// A new version in the timeline (kept sorted by vintage) and in the pending inserts.
    private func place(_ series: Int64, _ date: Int32, _ timeline: Timeline, _ version: Version) throws {
        var list = timeline.byDate[date] ?? []
        let at = list.firstIndex { version.knownFrom.lexicographicallyPrecedes($0.knownFrom) } ?? list.count
        list.insert(version, at: at)
        timeline.byDate[date] = list
        try add(series, date, version)
    }

    private func add(_ series: Int64, _ date: Int32, _ version: Version) throws {
        guard !dryRun else { return }
        version.pending = true
        inserts.append((series, date, version))
        if inserts.count >= Self.batchRows { try flush() }
    }

    /// The series' versions and coverage, read once (after what is pending is written, so
    /// that the read sees all of this run's values).
    private func timeline(_ series: Int64) throws -> Timeline {
        if let known = timelines[series] { return known }
        try flush()
        let timeline = Timeline()
        if series > 0 {
            for r in try c.execute(
                "SELECT date, known_from, ingest_id, known_until, value, line FROM observation WHERE series_id = $1 ORDER BY date, known_from, ingest_id",
                [String(series)]
            ).rows {
                guard let day = Day(iso: r[0]), let from = r[1], let run = r[2].flatMap({ Int64($0) }), let value = r[4].flatMap(Double.init) else { continue }
                let version = Version(
                    knownFrom: Array(from.utf8), ingestID: run, knownUntil: r[3].map { Array($0.utf8) }, value: value, line: r[5].flatMap { Int($0) } ?? 0)
                timeline.byDate[day.ordinal, default: []].append(version)
            }
            for r in try c.execute(
                "SELECT vintage, ingest_id, first_date, last_date FROM series_coverage WHERE series_id = $1", [String(series)]
            ).rows {
                guard let vintage = r[0], let run = r[1].flatMap({ Int64($0) }), let first = Day(iso: r[2]), let last = Day(iso: r[3]) else { continue }
                timeline.coverage.append((Array(vintage.utf8), run, first.ordinal, last.ordinal))
            }
        }
        timelines[series] = timeline
        return timeline
    }

    func letGo(of series: SeriesSlot) {
        guard !dryRun else { return }
        timelines[series.id] = nil
    }

    /// Writes the pending ends of stored versions, then the new versions.
    func flush() throws {
        guard !dryRun else { return }
        if !closes.isEmpty {
            let rows = closes
            closes.removeAll(keepingCapacity: true)
            let result = try c.execute(
                """
                UPDATE observation o SET known_until = u.until
                FROM unnest($1::bigint[], $2::date[], $3::date[], $4::bigint[], $5::date[]) AS u(series_id, date, known_from, ingest_id, until)
                WHERE o.series_id = u.series_id AND o.date = u.date AND o.known_from = u.known_from AND o.ingest_id = u.ingest_id
                """,
                [
                    Self.array(rows.map { String($0.series) }), Self.array(rows.map { Day(ordinal: $0.date).description }),
                    Self.array(rows.map { String(decoding: $0.version.knownFrom, as: UTF8.self) }), Self.array(rows.map { String($0.version.ingestID) }),
                    Self.array(rows.map { $0.version.knownUntil.map { String(decoding: $0, as: UTF8.self) } }),
                ])
            guard result.changed == rows.count else {
                throw MStoreError.io(path: fileName, message: "internal conflict: \(rows.count) versions to end, \(result.changed) found")
            }
        }
        let rows = inserts
        inserts.removeAll(keepingCapacity: true)
        for row in rows {
            row.version.pending = false
            let v = row.version
            try stream(
                series: row.series, date: row.date, knownFrom: try dayNumber(v.knownFrom), ingestID: v.ingestID,
                knownUntil: try v.knownUntil.map(dayNumber), value: v.value, line: v.line)
        }
        try c.endCopy()
    }

    static let copySQL = "COPY observation (series_id, date, known_from, ingest_id, known_until, value, line) FROM STDIN (FORMAT binary)"
    /// COPY's binary format: a signature, no flags, no extension; a field count of -1 ends it.
    static let copyHeader: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
    static let copyTrailer: [UInt8] = [0xFF, 0xFF]

    /// One row in COPY's binary format: each field its length and big-endian bytes (a date
    /// is days after 2000-01-01, a value the IEEE bits: exact, and nothing for the server
    /// to parse), -1 for NULL.
    static func encode(
        _ data: inout [UInt8], series: Int64, date: Int32, knownFrom: Int32, ingestID: Int64, knownUntil: Int32?, value: Double, line: Int
    ) {
        func field<T: FixedWidthInteger>(_ v: T) {
            withUnsafeBytes(of: Int32(MemoryLayout<T>.size).bigEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: v.bigEndian) { data.append(contentsOf: $0) }
        }
        data.append(0)
        data.append(7)
        field(series)
        field(date - PGConnection.postgresEpoch)
        field(knownFrom - PGConnection.postgresEpoch)
        field(ingestID)
        if let knownUntil { field(knownUntil - PGConnection.postgresEpoch) } else { data.append(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF]) }
        field(value.bitPattern)
        field(Int64(line))
    }

    /// Streams one new version to the open COPY.
    func stream(series: Int64, date: Int32, knownFrom: Int32, ingestID: Int64, knownUntil: Int32?, value: Double, line: Int) throws {
        try c.streamCopyRow(Self.copySQL, header: Self.copyHeader, trailer: Self.copyTrailer) {
            Self.encode(&$0, series: series, date: date, knownFrom: knownFrom, ingestID: ingestID, knownUntil: knownUntil, value: value, line: line)
        }
    }

    /// A vintage held as ISO text, as a day number.
    func dayNumber(_ iso: [UInt8]) throws -> Int32 {
        guard let day = Day(iso: String(decoding: iso, as: UTF8.self)) else {
            throw MStoreError.io(path: fileName, message: "internal conflict: a vintage that is not a date")
        }
        return day.ordinal
    }

    /// An array literal of unquoted elements (numbers, dates) with NULLs.
    static func array(_ items: [String?]) -> String {
        var out = "{"
        out.reserveCapacity(items.count * 12)
        for (i, item) in items.enumerated() {
            if i > 0 { out += "," }
            out += item ?? "NULL"
        }
        return out + "}"
    }
}
