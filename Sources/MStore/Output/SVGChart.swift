import Foundation

/// An SVG line chart of one or more series over time.
///
/// Time ticks are chosen by span (years, quarters, months or days); values get "nice" ticks
/// (1, 2, 5 × 10ⁿ). Series listed in `rightAxis` use a second value axis on the right.
/// Shaded periods are drawn behind the lines.
///
/// ```swift
/// let svg = LineChart(title: "Reserves", series: [reserves]).svg()
/// ```
public struct LineChart: Sendable {
    /// The title above the chart.
    public var title: String
    /// The lines, in legend order.
    public var series: [TimeSeries]
    /// Keys of the series drawn against the right value axis.
    public var rightAxis: Set<String> = []
    /// Periods shaded behind the lines.
    public var shades: [(Day, Day)] = []
    /// What each value axis measures (a unit), written above it.
    public var leftLabel: String?
    /// What the right axis measures.
    public var rightLabel: String?
    /// Size in pixels.
    public var width = 960.0
    /// Size in pixels.
    public var height = 440.0

    /// A line chart of `series`, some of them on a right axis, with shaded periods.
    public init(title: String, series: [TimeSeries], rightAxis: Set<String> = [], shades: [(Day, Day)] = []) {
        self.title = title
        self.series = series
        self.rightAxis = rightAxis
        self.shades = shades
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let left = 70.0, right = rightAxis.isEmpty ? 30.0 : 75.0, top = 50.0, bottom = 50.0
        let plotW = width - left - right, plotH = height - top - bottom
        let points = series.map { $0.droppingMissing() }
        let allDates = points.flatMap(\.dates)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="line-chart" role="img" aria-label="\(xml(title))" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
            <title>\(xml(title))</title>
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(fmt(width / 2))" y="26" text-anchor="middle" font-size="16" font-weight="bold">\(xml(title))</text>

            """
        guard let first = allDates.min(), let last = allDates.max() else {
            return out + "<text x=\"\(fmt(width / 2))\" y=\"\(fmt(height / 2))\" text-anchor=\"middle\">no data</text>\n</svg>\n"
        }
        let t0 = Double(first.ordinal), t1 = Double(max(last.ordinal, first.ordinal + 1))
        func x(_ d: Day) -> Double { left + (Double(d.ordinal) - t0) / (t1 - t0) * plotW }
        func range(_ which: [TimeSeries]) -> (Double, Double) {
            let v = which.flatMap(\.values)
            guard let lo = v.min(), let hi = v.max() else { return (0, 1) }
            return lo == hi ? (lo - 1, hi + 1) : (lo, hi)
        }
        let leftSeries = points.filter { !rightAxis.contains($0.key) }
        let rightSeries = points.filter { rightAxis.contains($0.key) }
        let leftTicks = niceTicks(range(leftSeries.isEmpty ? points : leftSeries))
        let rightTicks = niceTicks(range(rightSeries))
        func y(_ v: Double, _ ticks: [Double]) -> Double {
            let lo = ticks.first ?? 0, hi = ticks.last ?? 1
            return top + plotH - (v - lo) / max(hi - lo, 1e-300) * plotH
        }
        // Shaded periods.
        for (a, b) in shades where b >= first && a <= last {
            let xa = x(max(a, first)), xb = x(min(b, last))
            out += "<rect class=\"shade\" x=\"\(fmt(xa))\" y=\"\(fmt(top))\" width=\"\(fmt(max(1, xb - xa)))\" height=\"\(fmt(plotH))\" fill=\"#f2c94c\" fill-opacity=\"0.35\"/>\n"
        }
        // Value grid and labels.
        for v in leftTicks {
            let yy = y(v, leftTicks)
            out += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(yy))\" x2=\"\(fmt(left + plotW))\" y2=\"\(fmt(yy))\" stroke=\"#e5e5e5\"/>\n"
            out += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(yy + 4))\" text-anchor=\"end\">\(xml(tickLabel(v)))</text>\n"
        }
        if let leftLabel {
            out += "<text class=\"axis-label\" x=\"\(fmt(left))\" y=\"\(fmt(top - 8))\" text-anchor=\"start\">\(xml(leftLabel))</text>\n"
        }
        if let rightLabel, !rightSeries.isEmpty {
            out += "<text class=\"axis-label\" x=\"\(fmt(left + plotW))\" y=\"\(fmt(top - 8))\" text-anchor=\"end\">\(xml(rightLabel))</text>\n"
        }
        if !rightSeries.isEmpty {
            for v in rightTicks {
                out += "<text x=\"\(fmt(left + plotW + 6))\" y=\"\(fmt(y(v, rightTicks) + 4))\" text-anchor=\"start\">\(xml(tickLabel(v)))</text>\n"
            }
        }
        // Time ticks.
        for d in timeTicks(first, last) {
            let xx = x(d)
            out += "<line x1=\"\(fmt(xx))\" y1=\"\(fmt(top + plotH))\" x2=\"\(fmt(xx))\" y2=\"\(fmt(top + plotH + 5))\" stroke=\"#333\"/>\n"
            out += "<text x=\"\(fmt(xx))\" y=\"\(fmt(top + plotH + 20))\" text-anchor=\"middle\">\(xml(timeLabel(d, first, last)))</text>\n"
        }
        out += "<rect x=\"\(fmt(left))\" y=\"\(fmt(top))\" width=\"\(fmt(plotW))\" height=\"\(fmt(plotH))\" fill=\"none\" stroke=\"#333\"/>\n"
        // Lines, then the legend.
        for (i, s) in points.enumerated() where !s.isEmpty {
            let ticks = rightAxis.contains(s.key) ? rightTicks : leftTicks
            let path = zip(s.dates, s.values).map { "\(fmt(x($0))),\(fmt(y($1, ticks)))" }.joined(separator: " ")
            out += "<polyline class=\"series\" data-key=\"\(xml(s.key))\" fill=\"none\" stroke=\"\(Self.palette[i % Self.palette.count])\" stroke-width=\"1.5\" points=\"\(path)\"/>\n"
        }
        for (i, s) in points.enumerated() {
            let ly = top + 8 + Double(i) * 18
            let side = rightAxis.contains(s.key) ? " (right axis)" : ""
            out += "<rect x=\"\(fmt(left + 10))\" y=\"\(fmt(ly))\" width=\"14\" height=\"4\" fill=\"\(Self.palette[i % Self.palette.count])\"/>\n"
            out += "<text class=\"legend\" x=\"\(fmt(left + 30))\" y=\"\(fmt(ly + 6))\">\(xml(s.key + side))</text>\n"
        }
        return out + "</svg>\n"
    }

    func timeTicks(_ first: Day, _ last: Day) -> [Day] {
        let span = Int(last.ordinal - first.ordinal)
        let stepMonths: Int
        switch span {
        case ..<70:
            let step = max(1, span / 7)
            return stride(from: 0, through: span, by: step).map { first.adding(days: $0) }
        case ..<400: stepMonths = 1
        case ..<1100: stepMonths = 3
        case ..<4000: stepMonths = 12
        default: stepMonths = 24
        }
        let (y, m, _) = first.parts
        var d = Day(year: y, month: m, day: 1) ?? first
        if d < first { d = d.adding(months: 1) }
        // Align to the step (quarters start in Jan/Apr/Jul/Oct, years in January).
        while (d.parts.month - 1) % min(stepMonths, 12) != 0 { d = d.adding(months: 1) }
        var ticks: [Day] = []
        while d <= last {
            ticks.append(d)
            d = d.adding(months: stepMonths)
        }
        return ticks
    }

    func timeLabel(_ d: Day, _ first: Day, _ last: Day) -> String {
        let span = last.ordinal - first.ordinal
        let (y, m, day) = d.parts
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        if span >= 1100 { return String(y) }
        if span >= 70 { return "\(months[m - 1]) \(y)" }
        return "\(months[m - 1]) \(day)"
    }
}

/// Evenly spaced round values covering `range`: steps of 1, 2 or 5 × 10ⁿ, about five of them.
func niceTicks(_ range: (Double, Double)) -> [Double] {
    let (lo, hi) = range
    guard hi > lo, lo.isFinite, hi.isFinite else { return [lo, lo + 1] }
    let raw = (hi - lo) / 5
    let magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
    let start = floor(lo / step) * step
    var ticks: [Double] = []
    var v = start
    while v < hi + step * 0.999 && ticks.count < 50 {
        ticks.append(cleaned(v))
        v += step
    }
    return ticks
}

func tickLabel(_ v: Double) -> String {
    abs(v) >= 1e6 ? String(format: "%.3g", v) : formatNumber(cleaned(v))
}

func fmt(_ v: Double) -> String { String(format: "%.1f", v) }

func xml(_ s: String) -> String {
    var out = ""
    for c in s {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(c)
        }
    }
    return out
}

/// A radar (spider) chart: one axis per indicator, values 0–100, one polygon per profile.
public struct RadarChart: Sendable {
    /// The title above the chart.
    public var title: String
    /// The indicators, one spoke each, clockwise from the top.
    public var axes: [String]
    /// (label, one value 0–100 per axis; NaN where unknown, drawn at the centre).
    public var profiles: [(String, [Double])]
    /// Width in pixels (the height follows from the labels and the legend).
    public var size = 720.0

    /// A radar of `profiles` (a label and one value per axis, 0–100).
    public init(title: String, axes: [String], profiles: [(String, [Double])]) {
        self.title = title
        self.axes = axes
        self.profiles = profiles
    }

    /// The chart as a standalone SVG document: the radius is as large as the longest axis
    /// label allows (labels sit outside the outer ring, never over it), the legend names
    /// each profile below the plot.
    public func svg() -> String {
        let width = size
        // About 7 px a character at 13 px: room for the widest label on either side.
        let labelWidth = Double(axes.map(\.count).max() ?? 0) * 7.0
        let radius = max(110, min(250, width / 2 - labelWidth - 24))
        let top = 48.0
        let cx = width / 2, cy = top + 24 + radius
        let legendTop = cy + radius + 58
        let perRow = max(1, Int(width - 40) / 190)
        let height = legendTop + Double((profiles.count + perRow - 1) / perRow) * 22 + 12
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="line-chart" role="img" aria-label="\(xml(title))" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="13">
            <title>\(xml(title))</title>
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(fmt(cx))" y="28" text-anchor="middle" font-size="16" font-weight="bold">\(xml(title))</text>

            """
        let n = max(axes.count, 1)
        func point(_ axis: Int, _ value: Double, _ r: Double? = nil) -> (Double, Double) {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(axis) / Double(n)
            let length = r ?? radius * max(0, min(100, value.isNaN ? 0 : value)) / 100
            return (cx + length * cos(angle), cy + length * sin(angle))
        }
        for ring in [25.0, 50, 75, 100] {
            let ringPoints = (0..<n).map { point($0, ring) }.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " ")
            out += "<polygon points=\"\(ringPoints)\" fill=\"none\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(fmt(cx + 4))\" y=\"\(fmt(cy - radius * ring / 100 - 3))\" font-size=\"10\" fill=\"#888\">\(Int(ring))</text>\n"
        }
        for (i, axis) in axes.enumerated() {
            let (x, y) = point(i, 100)
            let (lx, ly) = point(i, 0, radius + 14)
            out += "<line x1=\"\(fmt(cx))\" y1=\"\(fmt(cy))\" x2=\"\(fmt(x))\" y2=\"\(fmt(y))\" stroke=\"#bbb\"/>\n"
            let anchor = abs(lx - cx) < 5 ? "middle" : (lx > cx ? "start" : "end")
            let dy = ly < cy - radius + 1 ? -2.0 : (ly > cy + radius - 1 ? 12.0 : 4.0)
            out += "<text class=\"axis\" x=\"\(fmt(lx))\" y=\"\(fmt(ly + dy))\" text-anchor=\"\(anchor)\">\(xml(axis))</text>\n"
        }
        for (k, profile) in profiles.enumerated() {
            let colour = LineChart.palette[k % LineChart.palette.count]
            let poly = profile.1.enumerated().map { point($0.offset, $0.element) }.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " ")
            out += "<polygon class=\"profile\" data-label=\"\(xml(profile.0))\" points=\"\(poly)\" fill=\"\(colour)\" fill-opacity=\"0.12\" stroke=\"\(colour)\" stroke-width=\"2.5\"/>\n"
            let lx = 20 + Double(k % perRow) * 190, ly = legendTop + Double(k / perRow) * 22
            out += "<rect x=\"\(fmt(lx))\" y=\"\(fmt(ly - 6))\" width=\"16\" height=\"4\" fill=\"\(colour)\"/>\n"
            out += "<text class=\"legend\" x=\"\(fmt(lx + 22))\" y=\"\(fmt(ly))\">\(xml(profile.0))</text>\n"
        }
        return out + "</svg>\n"
    }
}
