/// The catalog side of an ingest: series created or updated as their first value arrives,
/// tags, frequency and unit settled at the end, the run recorded.
extension IngestJob {
    /// The series `key` of a keyed layout, with the row's unit, source and name columns.
    mutating func keyedSlot(_ key: String, value: KeyedValue) throws -> SeriesSlot {
        func optional(_ column: Int?) -> String? {
            guard let column else { return nil }
            let v = reader.string(at: column).trimmingSpaces
            return v.isEmpty ? nil : v
        }
        var meta = SeriesMeta(name: optional(plan.nameColumn), notes: optional(plan.notesColumn))
        // SDMX UNIT_MULT is a power of ten.
        // Statistics Canada's SCALAR_FACTOR names it: `thousands`.
        let scales = ["units": 0, "tens": 1, "hundreds": 2, "thousands": 3, "millions": 6, "billions": 9, "trillions": 12]
        if let text = optional(plan.multiplierColumn), let exponent = Int(text) ?? scales[text.lowercased()], (-12...15).contains(exponent) {
            meta.multiplier = Double("1e\(exponent)")
        }
        let slot = try slot(for: key, unit: value.unit ?? optional(plan.unitColumn), source: optional(plan.sourceColumn), meta: meta)
        for (column, name) in plan.tagColumns {
            guard let tag = optional(column), !options.dryRun else { continue }
            try catalog.setTag(seriesID: slot.id, name: name, value: tag)
        }
        return slot
    }

    /// A transposed table's series: its dimensions as tags, its name from the label columns.
    mutating func transposedSlot(_ key: String, parts: [String]) throws -> SeriesSlot {
        func text(_ c: Int) -> String? {
            let v = reader.string(at: c).trimmingSpaces
            return v.isEmpty ? nil : v
        }
        var meta = SeriesMeta(name: plan.labelColumns.compactMap(text).joined(separator: ": "), notes: plan.notesColumn.flatMap(text))
        if meta.name == "" { meta.name = nil }
        if parts.count == plan.dimensionNames.count {
            meta.tags = zip(plan.dimensionNames, parts).map { (name: $0.0.lowercased(), value: $0.1) }
        }
        var unit = plan.unitColumn.flatMap(text)
        if let scale = plan.multiplierColumn.flatMap(text), scale.lowercased() != "units" {
            unit = unit.map { "\($0) (\(scale))" } ?? scale
        }
        return try slot(for: key, unit: unit, source: nil, meta: meta)
    }

    /// The series for `key`, created in the catalog when new.
    mutating func slot(for key: String, unit fileUnit: String?, source fileSource: String?, meta: SeriesMeta) throws -> SeriesSlot {
        if let slot = slots[SeriesKey.folded(key)] { return slot }
        // Flags override; what the file says fills only what the catalog lacks.
        let unit = options.unit ?? fileUnit ?? KnownSeries.unit(for: key)
        let source = options.source ?? fileSource ?? plan.defaultSource
        let slot: SeriesSlot
        if let stored = try catalog.series(key: key) {
            if !options.dryRun {
                try catalog.updateSeries(stored.id, unitFlag: options.unit, unit: unit, sourceFlag: options.source, source: source, meta: meta)
            }
            slot = SeriesSlot(id: stored.id, key: stored.key, fresh: !stored.hasData)
        } else if options.dryRun {
            // A series the store does not have yet: a stand-in id, never written.
            slot = SeriesSlot(id: -Int64(slots.count + 1), key: key, fresh: true)
        } else {
            slot = SeriesSlot(id: try catalog.insertSeries(key: key, unit: unit, source: source, meta: meta), key: key, fresh: true)
        }
        // The file's tags first, so that --tag overrides them.
        for (tag, value) in meta.tags + options.tags.map({ (name: $0.0, value: $0.1) }) where !options.dryRun {
            try catalog.setTag(seriesID: slot.id, name: tag, value: value)
        }
        slots[SeriesKey.folded(key)] = slot
        touched.append(slot)
        return slot
    }

    /// Most values held for snapshots built while writing (3 MB); past it, series are
    /// read back at the end.
    static let holdLimit = 250_000

    /// Called before each value is written: when the file moves on from a long stretch of
    /// one series (a file sorted by series holds one at a time), that series' snapshot,
    /// if built while writing, is stored and the writer lets its current view go.
    mutating func moveOn(to series: SeriesSlot, writer: any ObservationSink) throws {
        if let last = lastSlot, last !== series {
            if runLength >= 64 {
                if case let .building(s) = last.snapshot {
                    try catalog.storeSnapshot(s, seriesID: last.id)
                    last.snapshot = .stored(latestDates: Array(s.dates.suffix(60)))
                    heldValues -= s.dates.count
                }
                writer.letGo(of: last)
            }
            runLength = 0
        }
        lastSlot = series
        runLength += 1
    }

    /// Keeps the snapshot of a new series as its values are written, date after date, so
    /// that the end of the run need not read them back. Anything else — a revision, a
    /// repeated or earlier date, a value with its own vintage, the series coming back after
    /// being stored — leaves the series to be read back from its rows.
    mutating func track(_ series: SeriesSlot, date: Day, value: Double, inserted: Bool) {
        switch series.snapshot {
        case var .building(s):
            // Released first, so that appending does not copy the arrays.
            series.snapshot = .rebuild
            guard inserted, s.dates.last.map({ date.ordinal > $0 }) ?? true, heldValues < Self.holdLimit else {
                heldValues -= s.dates.count
                return
            }
            s.dates.append(date.ordinal)
            s.values.append(value)
            heldValues += 1
            series.snapshot = .building(s)
        case .stored: series.snapshot = .rebuild
        case .rebuild: break
        }
    }

    func finish() throws {
        guard !options.dryRun else { return }
        for series in touched {
            // The packed copy of its current values, and the catalog's first, last and count.
            let dates: [Int32]
            switch series.snapshot {
            case let .building(s):
                try catalog.storeSnapshot(s, seriesID: series.id)
                dates = s.dates
            case let .stored(latest): dates = latest
            case .rebuild: dates = try catalog.rebuildSnapshot(seriesID: series.id)
            }
            if let frequency = options.frequency {
                try catalog.setFrequency(seriesID: series.id, code: frequency)
            } else if let frequency = Frequency.infer(dates.suffix(60).map { Day(ordinal: $0) }) {
                // From its 60 latest dates.
                try catalog.setFrequency(seriesID: series.id, code: frequency.code)
            }
            if percentSeries.contains(series.id) {
                try catalog.markPercent(seriesID: series.id)
            }
        }
        if let fetched = options.fetched { try catalog.recordFetch(runID, fetched: fetched, seriesIDs: touched.map(\.id)) }
        try catalog.finishRun(
            runID, rows: rows, inserted: counts.inserted, revised: counts.revised, unchanged: counts.unchanged, rejected: rejects.count,
            outcome: rejects.isEmpty ? "ok" : "partial")
    }
}
