/// Repo pressure against the Fed's floor, per SOFR business day.
///
/// Columns: `sofr`, `iorb`, `sofr_iorb_bp` (SOFR − IORB in basis points), `effr_iorb_bp`,
/// `share_at_or_above_iorb` (estimated from the SOFR percentile ladder, see
/// ``shareAtOrAbove(threshold:ladder:)``; SOFR itself is the volume-weighted median),
/// `reserves` (the latest weekly WRESBAL, at most 14 days old) and `reserves_chg_4w`
/// (its change over four weekly observations). IORB before 2021-07-29 was IOER: when
/// the store has IOER, it fills the dates before IORB begins.
public enum RepoMonitor {
    public struct Roles: Sendable {
        public var sofr = "SOFR"
        public var effr = "EFFR"
        public var iorb = "IORB"
        public var ioer = "IOER"
        public var reserves = "WRESBAL"
        public var ladder: [(Double, String)] = [(0.01, "SOFR.P1"), (0.25, "SOFR.P25"), (0.75, "SOFR.P75"), (0.99, "SOFR.P99")]
        public init() {}
    }

    public static func run(_ store: Store, roles: Roles = Roles(), since: Day?, until: Day?, asOf: Day?) throws -> ResultTable {
        func required(_ role: String, _ key: String) throws -> TimeSeries {
            do {
                return try store.timeSeries(key, until: until, asOf: asOf)
            } catch MStoreError.notFound {
                throw MStoreError.notFound(what: "the \(role) series (key \(key))", hint: "ingest it, e.g. its FRED download")
            }
        }
        func optional(_ key: String) -> TimeSeries? { try? store.timeSeries(key, until: until, asOf: asOf) }

        let sofr = try required("SOFR", roles.sofr)
        var iorb = try required("IORB", roles.iorb)
        if let ioer = optional(roles.ioer), let start = iorb.dates.first {
            let before = ioer.slice(until: start.adding(days: -1))
            iorb = TimeSeries(key: iorb.key, dates: before.dates + iorb.dates, values: before.values + iorb.values, unit: iorb.unit)
        }
        let axis = sofr.dates
        let floor = iorb.aligned(to: axis, maxStaleness: 7)
        var columns: [(String, [Cell])] = [
            ("sofr", sofr.values.map(Cell.number)),
            ("iorb", floor.values.map(number)),
            ("sofr_iorb_bp", zip(sofr.values, floor.values).map { number(cleaned(($0 - $1) * 100)) }),
        ]
        if let effr = optional(roles.effr) {
            let e = effr.aligned(to: axis, tolerance: 0)
            columns.append(("effr_iorb_bp", zip(e.values, floor.values).map { number(cleaned(($0 - $1) * 100)) }))
        }
        let rungs = roles.ladder.compactMap { share, key in optional(key).map { (share, $0.aligned(to: axis, tolerance: 0)) } }
        if rungs.count == roles.ladder.count {
            columns.append(
                ("share_at_or_above_iorb",
                 axis.indices.map { i in
                     var ladder = rungs.map { ($0.0, $0.1.values[i]) }
                     ladder.append((0.5, sofr.values[i]))
                     return floor.values[i].isNaN ? .null : number(shareAtOrAbove(threshold: floor.values[i], ladder: ladder))
                 }))
        }
        if let reserves = optional(roles.reserves) {
            let change = reserves.diff(4)
            columns.append(("reserves", reserves.aligned(to: axis, maxStaleness: 14).values.map(number)))
            columns.append(("reserves_chg_4w", change.aligned(to: axis, maxStaleness: 14).values.map(number)))
        }
        let keep = axis.indices.filter { i in since.map { axis[i] >= $0 } ?? true }
        return ResultTable(
            columns: ["date"] + columns.map(\.0),
            rows: keep.map { i in [.date(axis[i])] + columns.map { $0.1[i] } })
    }
}

func number(_ v: Double) -> Cell { v.isNaN ? .null : .number(v) }
