/// Whether a key argument is an expression (a spread, ratio, splice or named expression)
/// rather than a plain series key.
public func isExpression(_ key: String) -> Bool {
    key.contains { $0 == "-" || $0 == "/" || $0 == "|" || $0 == "=" }
}

extension SeriesSource {
    /// A series by key or by expression: `A-B` (a spread; in basis points when both are in
    /// percent), `A/B` (a ratio), `A|B` (A, spliced onto B before A begins: `IORB|IOER`) and
    /// `NAME=EXPR` (an expression with a name). In a spread or ratio the second series is
    /// matched to the first's dates by its last observation on or before each (never past
    /// its own last observation).
    ///
    /// - Throws: ``MStoreError/notFound(what:hint:)`` naming the key that is missing.
    public func timeSeries(_ expression: String, until: Day? = nil, asOf: Day? = nil) throws -> TimeSeries {
        // NAME=EXPR names an expression.
        if let eq = expression.firstIndex(of: "="), eq != expression.startIndex {
            var s = try timeSeries(String(expression[expression.index(after: eq)...]), until: until, asOf: asOf)
            s.key = String(expression[..<eq])
            return s
        }
        for op in ["-", "/"] {
            let parts = expression.components(separatedBy: op)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { continue }
            let a = try timeSeries(parts[0], until: until, asOf: asOf)
            let b = try timeSeries(parts[1], until: until, asOf: asOf).aligned(to: a.dates)
            if op == "-" {
                let bp = isPercentUnit(a.unit) && isPercentUnit(b.unit)
                let values = zip(a.values, b.values).map { cleaned(($0 - $1) * (bp ? 100 : 1)) }
                return TimeSeries(key: expression, dates: a.dates, values: values, unit: bp ? "bp" : a.unit).droppingMissing()
            }
            return TimeSeries(key: expression, dates: a.dates, values: zip(a.values, b.values).map { $0 / $1 }, unit: nil).droppingMissing()
        }
        // A|B splices: A where it has observations, B before A begins (IORB|IOER).
        if expression.contains("|") {
            let parts = expression.split(separator: "|").map(String.init)
            var spliced: TimeSeries?
            var missing: [String] = []
            for part in parts.reversed() {
                guard let s = try? timeSeries(part, until: until, asOf: asOf) else {
                    missing.append(part)
                    continue
                }
                guard let earlier = spliced, let start = s.dates.first else {
                    spliced = spliced ?? s
                    continue
                }
                let before = earlier.slice(until: start.adding(days: -1))
                spliced = TimeSeries(key: expression, dates: before.dates + s.dates, values: before.values + s.values, unit: s.unit ?? earlier.unit)
            }
            guard var result = spliced else {
                throw MStoreError.notFound(what: "series \(parts.map { quoted($0) }.joined(separator: " or "))", hint: "see `mstore series` for the keys in the store")
            }
            result.key = expression
            return result
        }
        return try series(key: expression, until: until, asOf: asOf)
    }
}
