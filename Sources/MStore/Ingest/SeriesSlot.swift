/// One series as seen by an ingest run.
final class SeriesSlot {
    let id: Int64
    let key: String
    /// No observations existed for it before this run.
    let fresh: Bool
    /// What this run did to it: values inserted and revised, the largest revision.
    var inserted = 0
    var revised = 0
    var largest: (date: Day, old: Double, new: Double)?
    /// The latest date this run wrote for it.
    var latestDate: Int32?
    /// The frequency its dates name in this file (`DateParser.precision`) and the line
    /// that set it: a row naming another stops the ingest.
    var precision: UInt8 = 0
    var precisionLine = 0
    /// The first and last date this run gave for it at the run's vintage (day ordinals).
    var coverFirst: Int32?
    var coverLast: Int32?
    /// Its snapshot, as far as this run can tell without reading the rows back.
    var snapshot: SnapshotState
    init(id: Int64, key: String, fresh: Bool) {
        self.id = id
        self.key = key
        self.fresh = fresh
        snapshot = fresh ? .building(Snapshot(dates: [], values: [])) : .rebuild
    }

    enum SnapshotState {
        /// A new series written date after date with the run's vintage: what it holds is
        /// exactly what was written, kept here.
        case building(Snapshot)
        /// Built that way and stored when the file moved on to another series; the dates
        /// kept are the latest (for the frequency).
        case stored(latestDates: [Int32])
        /// Read back from the rows at the end of the run.
        case rebuild
    }
}
