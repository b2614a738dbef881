/// The story on one page: a self-contained HTML document (styles and charts inline, no
/// network) that tells it section by section — funding and repo, credit, private-credit
/// marks, the K-shape, concentration, hedges, fragility — each with the status lines of its
/// dynamic (latest value, changes, percentile, ALERT), a one-line reading, its charts and
/// the vintage it was built from. A section whose inputs are missing says what to ingest.
///
/// ```swift
/// let html = try StoryReport(queries: NamedQueries(source: store, config: QueryConfig())).html()
/// ```
public struct StoryReport: Sendable {
    /// The queries the page is built from (their config, `since`, `until` and `asOf`).
    public var queries: NamedQueries
    /// Shown in the header: the store the data came from.
    public var storeName: String

    /// A report of `queries`; the charts start at their `since` (2018 when nil).
    public init(queries: NamedQueries, storeName: String = "mstore.db") {
        self.queries = queries
        self.storeName = storeName
    }

    struct Section: Sendable {
        var id: String
        var title: String
        var dynamics: [String]
        var build: @Sendable (StoryReport) throws -> [Block]
    }

    enum Block {
        case chart(String, caption: String)
        /// Charts side by side, one unit each.
        case multiples([(String, String)])
        case table(ResultTable, caption: String)
        case reading(String)
    }

    static let sections: [Section] = [
        Section(id: "funding", title: "Funding and repo", dynamics: ["Funding", "Repo"]) { try $0.funding() },
        Section(id: "credit", title: "Credit", dynamics: ["Credit"]) { try $0.credit() },
        Section(id: "private-credit", title: "Private-credit marks", dynamics: ["Private credit"]) { try $0.privateCredit() },
        Section(id: "k-shape", title: "The K-shape", dynamics: ["K-shape"]) { try $0.kShape() },
        Section(id: "concentration", title: "Concentration", dynamics: ["Concentration"]) { try $0.concentration() },
        Section(id: "hedges", title: "Hedges: bitcoin against the Nasdaq and gold", dynamics: ["Hedges"]) { try $0.hedges() },
        Section(id: "fragility", title: "Fragility", dynamics: ["Fragility"]) { try $0.fragility() },
    ]

    /// Charts begin here unless `since` says otherwise.
    var start: Day { queries.since ?? Day(year: 2018, month: 1, day: 1)! }

    func line(_ title: String, _ series: [TimeSeries], right: Set<String> = [], shades: [(Day, Day)] = [], left: String? = nil) -> String {
        var chart = LineChart(title: title, series: series.map { $0.slice(since: start) }, rightAxis: right, shades: shades)
        chart.leftLabel = left
        return chart.svg()
    }

    func funding() throws -> [Block] {
        var blocks: [Block] = []
        let spider = try queries.spider(at: [], baseline: nil)
        let axes = spider.rows.map { $0[0].text }
        let profiles = spider.columns.indices.dropFirst(2).map { c in
            (spider.columns[c], spider.rows.map { row -> Double in if case let .number(v) = row[c] { return v } else { return .nan } })
        }
        let baseline = queries.config.string("spider", "baseline") ?? "the baseline"
        let means = profiles.map { ($0.0, $0.1.filter { !$0.isNaN }.reduce(0, +) / Double(max(1, $0.1.filter { !$0.isNaN }.count))) }
        if let last = means.last, let peak = means.max(by: { $0.1 < $1.1 }) {
            blocks.append(
                .reading(
                    "On the four plumbing axes, \(last.0) stands at an average percentile of \(fixed(last.1, digits: 0)) against \(baseline); "
                        + "the most stressed period shown is \(peak.0) (\(fixed(peak.1, digits: 0)))."))
        }
        blocks.append(.chart(RadarChart(title: "Stress profile: percentile against \(baseline)", axes: axes, profiles: profiles).svg(), caption: "Each axis: the period's mean as a percentile of the baseline's values; further out is more stress."))
        let roles = RepoMonitor.roles(queries.config)
        let floor = roles.ioer.isEmpty ? roles.iorb : "\(roles.iorb)|\(roles.ioer)"
        let spread = try queries.source.timeSeries("SOFR − IORB=\(roles.sofr)-\(floor)", until: queries.until, asOf: queries.asOf)
        let september = (Day(year: 2019, month: 9, day: 16)!, Day(year: 2019, month: 9, day: 20)!)
        blocks.append(.chart(line("SOFR − IORB (bp)", [spread], shades: [september], left: spread.unit), caption: "September 2019 shaded: the repo spike."))
        if let reserves = try? queries.source.timeSeries(roles.reserves, until: queries.until, asOf: queries.asOf) {
            blocks.append(.chart(line("Reserves (\(roles.reserves))", [reserves], left: reserves.unit), caption: "Reserve balances with Federal Reserve Banks."))
        }
        return blocks
    }

    func credit() throws -> [Block] {
        let levels = try queries.creditLevels()
        var units: [String] = []
        for s in levels where !units.contains(s.unit ?? "") { units.append(s.unit ?? "") }
        // Small multiples: one panel per unit, so percent and basis points never share an axis.
        return [
            .multiples(units.map { unit in
                let panel = levels.filter { ($0.unit ?? "") == unit }
                var chart = LineChart(title: panel.map(\.key).joined(separator: ", "), series: panel.map { $0.slice(since: start) })
                chart.width = 640
                chart.height = 360
                chart.leftLabel = unit.isEmpty ? nil : unit
                return (chart.svg(), "Level in \(unit.isEmpty ? "its unit" : unit).")
            })
        ]
    }

    func privateCredit() throws -> [Block] {
        let marks = try queries.marks(minSpread: nil)
        let widest = try queries.widestMarkSpread()
        var blocks: [Block] = []
        // The latest month: its loans, widest disagreement first.
        let latest = marks.rows.last?.first
        let spread = marks.columns.firstIndex(of: "spread") ?? 0
        let month = marks.rows.filter { $0.first == latest }.sorted { a, b in
            if case let .number(x) = a[spread], case let .number(y) = b[spread] { return x > y }
            return false
        }
        if let top = month.first, let instrument = marks.columns.firstIndex(of: "instrument") {
            blocks.append(.reading("In \(top[0].text), the holders of \(top[instrument].text) mark it \(top[spread].text) points apart: the widest disagreement."))
        }
        blocks.append(.chart(line("Widest mark spread across loans (points)", [widest]), caption: "The largest gap between two holders' marks of the same loan, each month."))
        blocks.append(.table(ResultTable(columns: marks.columns, rows: month), caption: "Loans whose holders' marks disagree, latest month."))
        return blocks
    }

    func kShape() throws -> [Block] {
        let table = try queries.kshape()
        let levels = table.numericSeries().filter { !$0.key.hasSuffix("_chg12m") && !$0.key.hasSuffix("_pct") }
        var rows: [[Cell]] = []
        for gap in levels {
            func last(_ column: String) -> Cell {
                guard let c = table.columns.firstIndex(of: column) else { return .null }
                return table.rows.last { if case .number = $0[c] { return true } else { return false } }?[c] ?? .null
            }
            rows.append([.text(gap.key), last(gap.key), last(gap.key + "_chg12m"), last(gap.key + "_pct")])
        }
        return [
            .chart(line("The K-shape: gaps between the upper and lower arms", levels), caption: "Each gap in its own unit (points, percent, years)."),
            .table(ResultTable(columns: ["gap", "latest", "12-month change", "percentile"], rows: rows), caption: "Latest value of each gap, its change over 12 months and its percentile in its history."),
        ]
    }

    func concentration() throws -> [Block] {
        let points = try queries.concentrationPoints()
        let share = TimeSeries(key: "top-10 share", dates: points.map(\.date), values: points.map(\.topShare))
        var series = [share]
        var right: Set<String> = []
        if let total = queries.config.string("concentration", "total"),
            let index = try? queries.source.timeSeries(total, until: queries.until, asOf: queries.asOf)
        {
            var named = index
            named.key = "index total (\(total))"
            series.append(named)
            right.insert(named.key)
        }
        return [.chart(line("Top-10 share of the index", series, right: right), caption: "The share of the ten largest members (left) and the index's total market value (right).")]
    }

    func hedges() throws -> [Block] {
        let table = try queries.hedge("BTC", vs: ["NDX", "GOLD"], window: .days(90))
        let correlations = table.keeping { $0 == "date" || $0.hasPrefix("corr_") }.numericSeries()
        let drawdown = table.keeping { $0 == "date" || $0.hasPrefix("drawdown_") }.numericSeries()
        return [
            .chart(line("Bitcoin: 90-day correlation of returns", correlations), caption: "With the Nasdaq-100 and with gold, on common trading days."),
            .chart(line("Bitcoin: drawdown from its peak", drawdown), caption: "Fraction below the highest close so far."),
        ]
    }

    func fragility() throws -> [Block] {
        let table = try queries.fragility()
        let series = table.numericSeries(excluding: ["categories"])
        return [.chart(line("Fragility index and its contributions", series), caption: "Monthly; the contributions add up to the index.")]
    }

    /// The whole page.
    public func html() throws -> String {
        let status = (try? queries.status()) ?? []
        let known = queries.asOf.map { "as known on \($0)" } ?? "as known now"
        var body = ""
        var nav: [String] = []
        for section in Self.sections {
            nav.append("<a href=\"#\(section.id)\">\(xml(section.title))</a>")
            body += "<section id=\"\(section.id)\" aria-labelledby=\"\(section.id)-h\">\n<h2 id=\"\(section.id)-h\">\(xml(section.title))</h2>\n"
            let lines = status.filter { section.dynamics.contains($0.dynamic) }
            if let first = lines.first(where: { $0.latest != nil }) { body += "<p class=\"reading\">\(xml(reading(first)))</p>\n" }
            do {
                let blocks = try section.build(self)
                for block in blocks {
                    if case let .reading(text) = block { body += "<p class=\"reading\">\(xml(text))</p>\n" }
                }
                if !lines.isEmpty { body += statusTableHTML(lines) }
                for block in blocks {
                    switch block {
                    case let .chart(svg, caption): body += "<figure>\n\(svg)<figcaption>\(xml(caption))</figcaption>\n</figure>\n"
                    case let .multiples(charts):
                        body += "<div class=\"multiples\">\n"
                        for (svg, caption) in charts { body += "<figure>\n\(svg)<figcaption>\(xml(caption))</figcaption>\n</figure>\n" }
                        body += "</div>\n"
                    case let .table(table, caption): body += tableHTML(table, caption: caption)
                    case .reading: break
                    }
                }
            } catch {
                if !lines.isEmpty { body += statusTableHTML(lines) }
                let why = (error as? MStoreError)?.description ?? "\(error)"
                body += "<p class=\"missing\"><strong>Not drawn:</strong> \(xml(why)).</p>\n"
            }
            body += "<p class=\"vintage\">Built from the store's data \(known)\(lastDate(lines).map { "; latest observation \($0)" } ?? "").</p>\n</section>\n"
        }
        return Self.page(title: "The financial system's plumbing, \(known)", header: "Built by mstore \(MStoreVersion.current) from \(xml(storeName)), \(known).", nav: nav, body: body)
    }

    func lastDate(_ lines: [StatusLine]) -> Day? { lines.compactMap(\.date).max() }

    /// "SOFR-IORB|IOER is 12 bp (2025-11-21), the 97th percentile of its history; ALERT: above 0."
    func reading(_ line: StatusLine) -> String {
        func short(_ v: Double) -> String { abs(v) >= 1000 ? fixed(v, digits: 0) : abs(v) >= 10 ? fixed(v, digits: 1) : fixed(v, digits: 2) }
        var text = "\(line.indicator) is \(line.latest.map(short) ?? "—")"
        if let date = line.date { text += " (\(date))" }
        if let p = line.percentile { text += ", the \(ordinal(Int(p.rounded()))) percentile of its history" }
        if let c = line.change3m { text += ", \(c >= 0 ? "up" : "down") \(short(abs(c))) in three months" }
        if line.flagged, let t = line.threshold { text += "; ALERT: beyond its threshold (\(t))" }
        return text + "."
    }

    func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    func statusTableHTML(_ lines: [StatusLine]) -> String {
        var out = "<div class=\"scroll\"><table class=\"status\">\n<caption>Latest values, as on mstore status</caption>\n"
        out += "<thead><tr><th scope=\"col\">indicator</th><th scope=\"col\">latest</th><th scope=\"col\">date</th><th scope=\"col\">1m change</th><th scope=\"col\">3m change</th><th scope=\"col\">percentile</th><th scope=\"col\">flag</th></tr></thead>\n<tbody>\n"
        for l in lines {
            let flag = l.flagged ? "<span class=\"alert\">ALERT</span>" : (l.problem != nil ? "missing" : "")
            out += "<tr><th scope=\"row\">\(xml(l.indicator))</th><td>\(l.latest.map { fixed($0, digits: 2) } ?? "—")</td><td>\(l.date?.description ?? "—")</td>"
            out += "<td>\(l.change1m.map { fixed($0, digits: 2) } ?? "")</td><td>\(l.change3m.map { fixed($0, digits: 2) } ?? "")</td>"
            out += "<td>\(l.percentile.map { fixed($0, digits: 0) } ?? "")</td><td>\(flag)</td></tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    func tableHTML(_ table: ResultTable, caption: String) -> String {
        var out = "<div class=\"scroll\"><table>\n<caption>\(xml(caption))</caption>\n<thead><tr>"
        out += table.columns.map { "<th scope=\"col\">\(xml($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows.prefix(40) {
            out += "<tr>" + row.enumerated().map { i, cell in
                let text: String
                if case let .number(v) = cell { text = abs(v) < 1e6 ? fixed(v, digits: 2) : formatNumber(v) } else { text = cell.text }
                return i == 0 ? "<th scope=\"row\">\(xml(text))</th>" : "<td>\(xml(text))</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    static func page(title: String, header: String, nav: [String], body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(xml(title))</title>
        <style>
        :root { --fg: #1b1f24; --bg: #ffffff; --muted: #57606a; --line: #d0d7de; --card: #f6f8fa; --alert: #b3261e; --link: #0550ae; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9ea7b3; --line: #30363d; --card: #161b22; --alert: #ff8a80; --link: #79c0ff; }
          figure svg { border-radius: 6px; }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
        header, main, footer { max-width: 1040px; margin: 0 auto; padding: 0 16px; }
        header { padding-top: 24px; }
        h1 { font-size: 1.7rem; margin: 0 0 4px; }
        h2 { font-size: 1.3rem; margin: 40px 0 8px; padding-top: 8px; border-top: 1px solid var(--line); }
        a { color: var(--link); }
        nav { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 12px 0 0; font-size: 0.95rem; }
        .meta, .vintage, figcaption, caption { color: var(--muted); font-size: 0.9rem; }
        .reading { font-size: 1.05rem; margin: 8px 0; }
        .missing { padding: 10px 12px; background: var(--card); border-left: 4px solid var(--alert); }
        figure { margin: 16px 0; }
        figure svg { display: block; width: 100%; max-width: 100%; height: auto; }
        .scroll { overflow-x: auto; max-width: 100%; }
        .multiples { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 0 24px; }
        @media (max-width: 600px) {
          /* On a phone a chart keeps readable text and scrolls sideways inside its figure. */
          figure { overflow-x: auto; }
          figure svg.line-chart { min-width: 560px; }
        }
        table { border-collapse: collapse; font-size: 0.9rem; margin: 12px 0; min-width: 60%; }
        caption { text-align: left; padding-bottom: 4px; }
        th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
        th[scope="row"], thead th:first-child { text-align: left; }
        thead th { background: var(--card); }
        .alert { background: var(--alert); color: var(--bg); font-weight: bold; padding: 1px 6px; border-radius: 3px; }
        footer { padding: 32px 16px; color: var(--muted); font-size: 0.85rem; }
        @media print {
          :root { --fg: #000; --bg: #fff; --muted: #333; --line: #999; --card: #eee; --alert: #a00; }
          nav { display: none; }
          body { font-size: 11pt; }
          section { break-inside: avoid-page; }
          figure { break-inside: avoid; }
          .scroll { overflow: visible; }
        }
        </style>
        </head>
        <body>
        <header>
        <h1>The financial system's plumbing</h1>
        <p class="meta">\(header)</p>
        <nav aria-label="Sections">\(nav.joined(separator: "\n"))</nav>
        </header>
        <main>
        \(body)</main>
        <footer>Percentiles are 0–100 of each indicator's own history; ALERT marks a configured threshold crossed (mstore config). Every figure is computed by mstore from the store named above.</footer>
        </body>
        </html>

        """
    }
}
