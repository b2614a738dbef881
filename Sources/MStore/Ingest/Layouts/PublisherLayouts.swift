/// Layouts a publisher's file names by its header: the New York Fed's rates, BLS series.
extension Sniffer {
    /// The New York Fed's rates CSV: a rate type a row, its percentiles and volume beside it.
    func nyfedPlan(_ plan: inout IngestPlan, _ given: LayoutGiven, rows: [[String]], preamble: [[String]]) throws {
        let header = given.header
        let lower = given.lower
        guard let d = lower.firstIndex(of: "effective date"), let k = lower.firstIndex(of: "rate type") else {
            throw MStoreError.badRecord(SourceLocation(file: fileName, line: plan.headerLine), problem: "a New York Fed file needs \"Effective Date\" and \"Rate Type\" columns")
        }
        plan.date = .column(d)
        plan.defaultSource = "NYFED"
        let known: [(String, String, String)] = [
            ("rate (%)", "", "percent"), ("1st percentile (%)", ".P1", "percent"), ("25th percentile (%)", ".P25", "percent"),
            ("50th percentile (%)", ".P50", "percent"), ("75th percentile (%)", ".P75", "percent"), ("99th percentile (%)", ".P99", "percent"),
            ("volume ($billions)", ".VOLUME", "USD bn"), ("target rate from (%)", ".TARGET_FROM", "percent"),
            ("target rate to (%)", ".TARGET_TO", "percent"),
            // The all-rates download: SOFRAI rows carry these instead of a rate.
            ("30-day average sofr", ".AVG30", "percent"), ("90-day average sofr", ".AVG90", "percent"),
            ("180-day average sofr", ".AVG180", "percent"), ("sofr index", ".INDEX", "index"),
        ]
        let values = known.compactMap { name, suffix, unit in lower.firstIndex(of: name).map { KeyedValue(column: $0, suffix: suffix, unit: unit) } }
        // A column this layout does not know would vanish: say so.
        let used = Set(values.map(\.column) + [d, k])
        let unknown = header.indices.filter { !used.contains($0) && !header[$0].isEmpty && !["footnote id", "revision indicator (y/n)"].contains(lower[$0]) }
        if !unknown.isEmpty {
            plan.notes.append("columns not read: " + unknown.map { "\"\(header[$0])\"" }.joined(separator: ", "))
        }
        plan.targets = .keyed(key: k, values: values)
    }

    /// The BLS layout: `Series ID`, `Year`, `Period` codes (M01–M13, Q01–Q04, S01–S02, A01), `Value`.
    func blsPlan(_ plan: inout IngestPlan, _ given: LayoutGiven, rows: [[String]], preamble: [[String]]) throws {
        let lower = given.lower
        guard let s = lower.firstIndex(of: "series id") ?? lower.firstIndex(of: "series_id"), let y = lower.firstIndex(of: "year"), let p = lower.firstIndex(of: "period"),
            let v = lower.firstIndex(of: "value")
        else {
            throw MStoreError.badRecord(SourceLocation(file: fileName, line: plan.headerLine), problem: "a BLS file needs \"Series id\", \"Year\", \"Period\" and \"Value\" columns")
        }
        plan.date = .yearPeriod(year: y, period: p)
        plan.defaultSource = "BLS"
        plan.targets = .keyed(key: s, values: [KeyedValue(column: v, suffix: "", unit: nil)])
    }
}
