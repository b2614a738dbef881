/// The named queries of `mstore query`: each reads its series by role from a
/// ``QueryConfig`` and returns a table. Every one accepts `since`, `until` and `asOf`.
public struct NamedQueries: Sendable {
    /// Where the series come from: a ``Store``, a ``MemorySource`` or any other source.
    public let source: any SeriesSource
    /// Which series play which role (mstore.toml over the defaults).
    public let config: QueryConfig
    /// First date of the answers (windows still use earlier history).
    public var since: Day?
    /// Last date read.
    public var until: Day?
    /// Use only what was known on this day.
    public var asOf: Day?

    /// Named queries over `source` with `config`, for the period and vintage given.
    public init(source: any SeriesSource, config: QueryConfig = QueryConfig(), since: Day? = nil, until: Day? = nil, asOf: Day? = nil) {
        self.source = source
        self.config = config
        self.since = since
        self.until = until
        self.asOf = asOf
    }

    /// A series by role from config; a missing one is an error naming the role and the key
    /// (and keys close to it).
    func series(_ expression: String, role: String) throws -> TimeSeries {
        do {
            return try source.timeSeries(expression, until: until, asOf: asOf)
        } catch let MStoreError.notFound(what, hint) {
            let fix = "ingest it, or map the role to another key in mstore.toml (see mstore config)"
            throw MStoreError.notFound(what: "\(what) (the \(role) input)", hint: hint.hasPrefix("did you mean") ? "\(hint) Or \(fix)" : fix)
        }
    }

    /// A series the user typed: a missing one is blamed on the key, not on a config role.
    func typedSeries(_ expression: String) throws -> TimeSeries {
        try source.timeSeries(expression, until: until, asOf: asOf)
    }

    func visible(_ day: Day) -> Bool { since.map { day >= $0 } ?? true }

    // MARK: - Concentration

    /// Top-N share, HHI and effective N per date. With a total (the index's whole market
    /// cap, config `concentration.total`), shares are of that total and the members not
    /// listed count as many small firms (they add nothing to HHI).
    public func concentrationPoints(universe: String? = nil, top: Int? = nil, total: String? = nil) throws -> [ConcentrationPoint] {
        let name = universe ?? config.string("concentration", "universe") ?? "SPX"
        let n = top ?? config.count("concentration", "top") ?? 10
        let cross = try source.crossSection(tag: "universe", value: name, since: since, until: until, asOf: asOf)
        // No members at all is a missing input; members without a value in the period (or
        // as of that day) give an empty answer, which the caller explains.
        guard !cross.keys.isEmpty else {
            throw MStoreError.notFound(
                what: "universe \(name) (series tagged universe=\(name), the concentration input)",
                hint: "tag its members, e.g. mstore ingest caps.csv --tag universe=\(name)")
        }
        return cross.isEmpty ? [] : MStore.concentration(cross, top: n, totals: totals(total))
    }

    /// The index total by date (config `concentration.total`), when the store has it.
    private func totals(_ total: String?) -> [Day: Double]? {
        let totalKey = total ?? config.string("concentration", "total")
        return totalKey.flatMap { key in try? source.timeSeries(key, until: until, asOf: asOf) }.map { series in
            Dictionary(zip(series.dates, series.values), uniquingKeysWith: { a, _ in a })
        }
    }

    /// The concentration query's table: date, members, top-N share, HHI, effective N and,
    /// with `names`, the keys of the largest N.
    public func concentration(universe: String? = nil, top: Int? = nil, total: String? = nil, names: Bool = false) throws -> ResultTable {
        let points = try concentrationPoints(universe: universe, top: top, total: total)
        let n = top ?? config.count("concentration", "top") ?? 10
        var columns = ["date", "members", "top\(n)_share", "hhi", "effective_n"]
        if names { columns.append("top\(n)") }
        return ResultTable(
            columns: columns,
            rows: points.map { p in
                var row: [Cell] = [.date(p.date), .integer(Int64(p.members)), .number(p.topShare), .number(p.hhi), .number(p.effectiveN)]
                if names { row.append(.text(p.top.joined(separator: " "))) }
                return row
            })
    }

    // MARK: - Hedge

    /// Does `asset` hedge? Per date: its rolling correlation and beta of returns to each of
    /// `others` (on common trading days), its annualised volatility (365 periods a year for
    /// a series with daily frequency, 252 otherwise) and its drawdown.
    public func hedge(_ asset: String, vs others: [String], window: Window) throws -> ResultTable {
        let a = try typedSeries(asset)
        var columns: [TimeSeries] = []
        var names: [String] = []
        for other in others {
            let b = try typedSeries(other)
            let stats = PairStatistics(a, b, window: window)
            columns.append(stats.correlationSeries("corr_\(b.key)"))
            columns.append(stats.betaSeries("beta_\(b.key)"))
            names += ["corr_\(b.key)", "beta_\(b.key)"]
        }
        let perYear: Double = (source.isExpression(asset) ? nil : try source.frequency(of: a.key)) == "D" ? 365 : 252
        columns.append(a.annualizedVolatility(window, periodsPerYear: perYear))
        columns.append(a.drawdown())
        names += ["vol_\(a.key)", "drawdown_\(a.key)"]
        return ResultTable(series: columns, names: names, since: since)
    }

    // MARK: - Credit

    /// Per series: level, change over one and three months (in bp for percent series), and
    /// a rolling z-score of the level (window config `credit.window`, default one year).
    public func credit(latest: Bool) throws -> ResultTable {
        let keys = config.list("credit", "series")
        let window = Window(config.string("credit", "window") ?? "1y") ?? .months(12)
        let threshold = config.number("credit", "widening_bp") ?? 50
        var columns: [TimeSeries] = []
        var names: [String] = []
        var latestRows: [[Cell]] = []
        for key in keys {
            let s = try series(key, role: "credit")
            let toBp = isPercentUnit(s.unit) ? 100.0 : 1.0
            func change(months: Int) -> TimeSeries {
                TimeSeries(
                    key: key, dates: s.dates,
                    values: s.dates.indices.map { i in
                        guard let before = s.value(onOrBefore: s.dates[i].adding(months: -months)) else { return .nan }
                        return cleaned((s.values[i] - before) * toBp)
                    })
            }
            let c1 = change(months: 1)
            let c3 = change(months: 3)
            let z = s.rolling(window, .zscore, minPeriods: 20)
            columns += [s, c1, c3, z]
            names += [key, "\(key)_chg1m_bp", "\(key)_chg3m_bp", "\(key)_z"]
            if let i = s.dates.indices.last {
                let widening = !c3.values[i].isNaN && c3.values[i] >= threshold
                latestRows.append([
                    .text(key), .date(s.dates[i]), number(s.values[i]), number(c1.values[i]), number(c3.values[i]), number(z.values[i]),
                    .text(widening ? "WIDENING" : ""),
                ])
            }
        }
        if latest {
            return ResultTable(columns: ["series", "date", "level", "chg1m_bp", "chg3m_bp", "zscore", "alert"], rows: latestRows)
        }
        return ResultTable(series: columns, names: names, since: since)
    }

    /// The credit series' levels, each with its unit, for a chart: spreads in percent and
    /// CDS in basis points do not share an axis.
    public func creditLevels() throws -> [TimeSeries] {
        try config.list("credit", "series").map { try series($0, role: "credit").slice(since: since) }
    }

    // MARK: - Private credit marks

    /// Marks grouped by instrument (tag `instrument`) across holders (tag `holder`).
    func markGroups() throws -> [(instrument: String, series: [TimeSeries])] {
        var groups: [String: [TimeSeries]] = [:]
        for (key, instrument) in try source.tagged("instrument") {
            groups[instrument, default: []].append(try series(key, role: "marks"))
        }
        guard !groups.isEmpty else {
            throw MStoreError.notFound(
                what: "marks (series tagged instrument=… and holder=…, the marks input)",
                hint: "ingest them with tag:instrument and tag:holder columns, or tag them with mstore tag")
        }
        return groups.keys.sorted().map { ($0, groups[$0] ?? []) }
    }

    /// Per instrument and date: holders, lowest and highest mark, spread, stdev; rows whose
    /// spread is at least `minSpread`.
    public func marks(minSpread: Double?) throws -> ResultTable {
        let threshold = minSpread ?? config.number("marks", "min_spread") ?? 15
        var rows: [[Cell]] = []
        for (instrument, members) in try markGroups() {
            for d in dispersion(members) where visible(d.date) && d.spread >= threshold {
                rows.append([.date(d.date), .text(instrument), .integer(Int64(d.holders)), .number(d.low), .number(d.high), .number(cleaned(d.spread)), number(d.stdev)])
            }
        }
        rows.sort { ($0[0].text, $0[1].text) < ($1[0].text, $1[1].text) }
        return ResultTable(columns: ["date", "instrument", "holders", "low", "high", "spread", "stdev"], rows: rows)
    }

    func dispersion(_ members: [TimeSeries]) -> [MarkDispersion] {
        var byDate: [Day: [Double]] = [:]
        for s in members {
            for (d, v) in zip(s.dates, s.values) { byDate[d, default: []].append(v) }
        }
        return markDispersion(byDate.keys.sorted().map { ($0, byDate[$0] ?? []) })
    }

    /// The widest mark spread across instruments on each date.
    func widestMarkSpread() throws -> TimeSeries {
        var widest: [Day: Double] = [:]
        for (_, members) in try markGroups() {
            for d in dispersion(members) { widest[d.date] = max(widest[d.date] ?? 0, d.spread) }
        }
        let dates = widest.keys.sorted()
        return TimeSeries(key: "@marks", dates: dates, values: dates.map { widest[$0] ?? .nan })
    }

    // MARK: - K-shape

    /// For each gap (a spread `UPPER-LOWER` or one series): its value, change over twelve
    /// months, and percentile against its own history up to that date.
    public func kshape() throws -> ResultTable {
        var columns: [TimeSeries] = []
        var names: [String] = []
        for expression in config.list("kshape", "gaps") {
            let s = try series(expression, role: "kshape")
            let name = s.key
            let change = TimeSeries(
                key: name, dates: s.dates,
                values: s.dates.indices.map { i in s.value(onOrBefore: s.dates[i].adding(months: -12)).map { cleaned(s.values[i] - $0) } ?? .nan })
            // On the 0-100 scale that status and spider use.
            var pct = s.rolling(.months(12 * 200), .percentRank, minPeriods: 12)
            pct.values = pct.values.map { $0 * 100 }
            columns += [s, change, pct]
            names += [name, "\(name)_chg12m", "\(name)_pct"]
        }
        return ResultTable(series: columns, names: names, since: since)
    }

    // MARK: - Spider

    /// A label and the dates it covers: one day, a month, a year or `FROM:TO`.
    public struct Period: Sendable {
        /// The period as the user wrote it, used as a column name.
        public var label: String
        /// The period's first day.
        public var first: Day
        /// The period's last day.
        public var last: Day
        /// A single day takes the last value on or before it; a period the mean of its values.
        public var isDay: Bool

        /// Parses `2019-09-17`, `2019-09`, `2019` or `FROM:TO`, optionally named:
        /// `September 2019=2019-09`; `nil` for anything else.
        public init?(_ text: String) {
            var text = text
            var name: String?
            if let eq = text.lastIndex(of: "=") {
                name = String(text[..<eq]).trimmingSpaces
                text = String(text[text.index(after: eq)...]).trimmingSpaces
                if name?.isEmpty ?? true { return nil }
            }
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let head = parts.first, let a = PeriodBound(head) else { return nil }
            label = name ?? text
            if parts.count == 2 {
                guard let b = PeriodBound(parts[1]) else { return nil }
                (first, last, isDay) = (a.first, b.last, false)
            } else {
                (first, last, isDay) = (a.first, a.last, a.first == a.last)
            }
        }
    }

    /// One row per indicator; per date or period its percentile (0–100, to one decimal)
    /// against the baseline period's values (ties count half), sign-aligned so that higher
    /// always means more stress.
    ///
    /// With no `periods`, those of config `spider.periods`: by default the essay's
    /// comparison — 2018 to 2019Q3, September 2019, June 2025, October 2025 — on its four
    /// axes: the share of repo volume at or above IORB, peak daylight overdrafts, fed funds
    /// purchased and late payments.
    public func spider(at periods: [Period], baseline: Period?) throws -> ResultTable {
        guard let base = baseline ?? config.string("spider", "baseline").flatMap(Period.init) else {
            throw MStoreError.usage("spider needs a baseline period, e.g. --baseline 2018-04:2019-08")
        }
        let periods = periods.isEmpty ? config.list("spider", "periods").compactMap(Period.init) : periods
        var rows: [[Cell]] = []
        for entry in config.list("spider", "indicators") {
            var (expression, sign) = entry.hasPrefix("-") ? (String(entry.dropFirst()), -1.0) : (entry, 1.0)
            // "Label=EXPR" names an axis: "Late payments=FEDWIRE.LATE".
            var label = expression
            if let eq = expression.firstIndex(of: "="), eq != expression.startIndex {
                label = String(expression[..<eq]).trimmingSpaces
                expression = String(expression[expression.index(after: eq)...]).trimmingSpaces
            }
            let s = try indicator(expression, role: "spider")
            let baseValues = s.slice(since: base.first, until: base.last).values.filter { !$0.isNaN }
            var row: [Cell] = [.text(label), .text(sign > 0 ? "higher" : "lower")]
            for p in periods {
                let value: Double?
                if p.isDay {
                    value = s.value(onOrBefore: p.last)
                } else {
                    let inside = s.slice(since: p.first, until: p.last).values.filter { !$0.isNaN }
                    value = inside.isEmpty ? nil : inside.reduce(0, +) / Double(inside.count)
                }
                guard let v = value, !baseValues.isEmpty else {
                    row.append(.null)
                    continue
                }
                let pct = percentileRank(v, among: baseValues) * 100
                row.append(.number(((sign > 0 ? pct : 100 - pct) * 10).rounded() / 10))
            }
            rows.append(row)
        }
        return ResultTable(columns: ["indicator", "stress_when"] + periods.map(\.label), rows: rows)
    }

    // MARK: - Fragility

    /// The fragility index's categories, in column order (config `[fragility]` lists each one's indicators).
    public static let categories = ["funding", "credit", "private_credit", "household", "concentration"]

    /// The composite fragility index, monthly: each indicator's month-end value becomes a
    /// rolling z-score (window config `fragility.window`, at least 12 months of history),
    /// sign-aligned (a leading `-` in the config means lower is more stress); a category
    /// is the mean of its indicators; the index is the mean of the categories available
    /// that month (equal weights), and each category's contribution is its score divided
    /// by that count, so the contributions add up to the index.
    public func fragility() throws -> ResultTable {
        let window = Window(config.string("fragility", "window") ?? "3y") ?? .months(36)
        var categoryScores: [(String, [Day: Double])] = []
        for category in Self.categories {
            var sums: [Day: (Double, Int)] = [:]
            for entry in config.list("fragility", category) {
                let (expression, sign) = entry.hasPrefix("-") ? (String(entry.dropFirst()), -1.0) : (entry, 1.0)
                let raw: TimeSeries
                // Derived indicators (@marks, @concentration, @repo_share, …) over their whole
                // history: z-scores need the years before --since.
                raw = try indicator(expression, role: "fragility.\(category)")
                let z = raw.resampled(to: .monthly, using: .eop).rolling(window, .zscore, minPeriods: 12)
                for (d, v) in zip(z.dates, z.values) where !v.isNaN {
                    let (s, n) = sums[d] ?? (0, 0)
                    sums[d] = (s + sign * v, n + 1)
                }
            }
            categoryScores.append((category, sums.mapValues { $0.0 / Double($0.1) }))
        }
        let dates = Set(categoryScores.flatMap { $0.1.keys }).sorted().filter(visible)
        let rows: [[Cell]] = dates.map { d in
            let available = categoryScores.compactMap { $0.1[d] }
            let count = Double(available.count)
            let index = available.reduce(0, +) / count
            return [.date(d), .number(index), .integer(Int64(available.count))]
                + categoryScores.map { score in score.1[d].map { .number($0 / count) } ?? .null }
        }
        return ResultTable(columns: ["date", "fragility", "categories"] + Self.categories, rows: rows)
    }
}
