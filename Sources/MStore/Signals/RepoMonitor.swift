/// Repo pressure against the Fed's floor, per SOFR business day.
///
/// Columns: `sofr`, `iorb`, `sofr_iorb_bp` (SOFR − IORB in basis points), `effr_iorb_bp`,
/// `share_at_or_above_iorb` (estimated from the SOFR percentile ladder, see
/// ``shareAtOrAbove(threshold:ladder:)``; SOFR itself is the volume-weighted median),
/// `reserves` (the latest weekly WRESBAL, at most 14 days old) and `reserves_chg_4w`
/// (its change over four weekly observations). IORB before 2021-07-29 was IOER: when
/// the store has IOER, it fills the dates before IORB begins.
public enum RepoMonitor {
    /// The series keys the repo query reads (config `[repo]`).
    public struct Roles: Sendable {
        /// The secured overnight rate.
        public var sofr = "SOFR"
        /// The effective fed funds rate.
        public var effr = "EFFR"
        /// Interest on reserve balances (the floor since 2021-07-29).
        public var iorb = "IORB"
        /// Interest on excess reserves, spliced before IORB begins.
        public var ioer = "IOER"
        /// Reserve balances (weekly).
        public var reserves = "WRESBAL"
        /// The percentile ladder of SOFR: (share of volume below, key).
        public var ladder: [(Double, String)] = [(0.01, "SOFR.P1"), (0.25, "SOFR.P25"), (0.75, "SOFR.P75"), (0.99, "SOFR.P99")]
        /// The default roles (FRED and New York Fed ids).
        public init() {}
    }

    /// Roles from the `[repo]` table of the config.
    public static func roles(_ config: QueryConfig) -> Roles {
        var r = Roles()
        r.sofr = config.string("repo", "sofr") ?? r.sofr
        r.effr = config.string("repo", "effr") ?? r.effr
        r.iorb = config.string("repo", "iorb") ?? r.iorb
        r.ioer = config.string("repo", "ioer") ?? r.ioer
        r.reserves = config.string("repo", "reserves") ?? r.reserves
        let ladder = config.list("repo", "ladder")
        if ladder.count == 4 { r.ladder = zip([0.01, 0.25, 0.75, 0.99], ladder).map { ($0, $1) } }
        return r
    }

    /// The repo table for the roles in `queries`' config and its period.
    public static func run(_ queries: NamedQueries) throws -> ResultTable {
        try run(queries.source, roles: roles(queries.config), since: queries.since, until: queries.until, asOf: queries.asOf)
    }

    /// Per SOFR date: SOFR, the floor, both spreads in bp, the share at or above the floor, reserves and their 4-week change.
    public static func run(_ source: any SeriesSource, roles: Roles = Roles(), since: Day?, until: Day?, asOf: Day?) throws -> ResultTable {
        func required(_ role: String, _ key: String) throws -> TimeSeries {
            do {
                return try source.timeSeries(key, until: until, asOf: asOf)
            } catch MStoreError.notFound {
                throw MStoreError.notFound(
                    what: "series \"\(key)\" (the \(role) input)", hint: "ingest it, or map the role to another key in mstore.toml (see mstore config)")
            }
        }
        func optional(_ key: String) -> TimeSeries? { try? source.timeSeries(key, until: until, asOf: asOf) }

        let sofr = try required("SOFR", roles.sofr)
        let iorb = try required("IORB", roles.ioer.isEmpty ? roles.iorb : "\(roles.iorb)|\(roles.ioer)")
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

