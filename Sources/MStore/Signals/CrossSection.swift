/// Concentration of a universe on one date.
public struct ConcentrationPoint: Sendable, Equatable {
    /// The date of the cross-section.
    public var date: Day
    /// Members with a value on this date.
    public var members: Int
    /// Share of the total held by the largest N, 0–1.
    public var topShare: Double
    /// Herfindahl–Hirschman index: the sum of squared shares, 0–1 (× 10,000 for the usual scale).
    public var hhi: Double
    /// 1 / HHI: how many equal members would give the same concentration.
    public var effectiveN: Double
    /// Keys of the largest N, largest first.
    public var top: [String]
}

/// The members of a tagged universe on each date: `members[i]` holds (index into
/// `keys`, value) for `days[i]`.
public struct CrossSection: Sendable {
    /// The universe's series keys; members refer to them by index.
    public var keys: [String]
    /// The dates with at least one member value, increasing.
    public var days: [Day]
    /// Per date, the members that have a value: (index into `keys`, value).
    public var members: [[(index: Int32, value: Double)]]

    /// A cross-section from its keys, dates and members.
    public init(keys: [String], days: [Day], members: [[(index: Int32, value: Double)]]) {
        self.keys = keys
        self.days = days
        self.members = members
    }

    /// No member has a value on any date.
    public var isEmpty: Bool { days.isEmpty }
}

/// Per-date concentration of a universe, point in time: a member counts on a date only if
/// it has a value (a market cap) on that date; zero and negative values are ignored.
///
/// - Parameter totals: the universe's whole size per date (e.g. the index's total market
///   cap); shares are then of this total, and a date without a total is left out.
public func concentration(_ cross: CrossSection, top: Int, totals: [Day: Double]? = nil) -> [ConcentrationPoint] {
    let n = max(1, top)
    var topN: [(index: Int32, value: Double)] = []
    topN.reserveCapacity(n + 1)
    return cross.days.indices.compactMap { i in
        let day = cross.days[i]
        // Compensated sums: the answer does not depend on the order a source lists members in.
        var listed = NeumaierSum()
        var count = 0
        for m in cross.members[i] where m.value > 0 {
            listed.add(m.value)
            count += 1
        }
        let total: Double
        if let totals {
            guard let t = totals[day], t >= listed.value else { return nil }
            total = t
        } else {
            total = listed.value
        }
        guard total > 0 else { return nil }
        // The N largest by insertion into a short sorted list (N is small); ties by key.
        topN.removeAll(keepingCapacity: true)
        func before(_ a: (index: Int32, value: Double), _ b: (index: Int32, value: Double)) -> Bool {
            a.value > b.value || (a.value == b.value && cross.keys[Int(a.index)] < cross.keys[Int(b.index)])
        }
        var squares = NeumaierSum()
        for m in cross.members[i] where m.value > 0 {
            let share = m.value / total
            squares.add(share * share)
            if topN.count == n, let last = topN.last, !before(m, last) { continue }
            let at = topN.firstIndex { before(m, $0) } ?? topN.count
            topN.insert(m, at: at)
            if topN.count > n { topN.removeLast() }
        }
        let hhi = squares.value
        return ConcentrationPoint(
            date: day, members: count, topShare: topN.reduce(0) { $0 + $1.value } / total, hhi: hhi, effectiveN: 1 / hhi,
            top: topN.map { cross.keys[Int($0.index)] })
    }
}

/// Disagreement between holders marking the same instrument on one date.
public struct MarkDispersion: Sendable, Equatable {
    /// The date the holders marked the instrument.
    public var date: Day
    /// Holders that marked the instrument that day.
    public var holders: Int
    /// The lowest mark.
    public var low: Double
    /// The highest mark.
    public var high: Double
    /// Highest minus lowest mark.
    public var spread: Double { high - low }
    /// Sample standard deviation of the marks (NaN with one holder).
    public var stdev: Double
}

/// Per-date dispersion of marks; a holder counts on a date only if it marked that day.
public func markDispersion(_ values: [(Day, [Double])]) -> [MarkDispersion] {
    values.compactMap { day, marks in
        let m = marks.filter { !$0.isNaN }
        guard let lo = m.min(), let hi = m.max() else { return nil }
        return MarkDispersion(date: day, holders: m.count, low: lo, high: hi, stdev: sampleStd(m))
    }
}

/// The estimated share of volume traded at or above `threshold`, from a percentile ladder.
///
/// The ladder gives rates at cumulative volume shares (e.g. 1% → P1, 25% → P25, 50% → the
/// median, 75% → P75, 99% → P99). The share below the threshold is interpolated linearly
/// between ladder points; at or below the lowest rate the share is 1, above the highest 0.
/// It is an estimate: the true distribution between percentiles is not published.
///
/// ```swift
/// shareAtOrAbove(threshold: 4.15, ladder: [(0.01, 4.05), (0.25, 4.12), (0.5, 4.16), (0.75, 4.20), (0.99, 4.35)])
/// ```
public func shareAtOrAbove(threshold: Double, ladder: [(Double, Double)]) -> Double {
    let points = ladder.filter { !$0.1.isNaN }.sorted { $0.0 < $1.0 }
    guard let first = points.first, let last = points.last else { return .nan }
    if threshold <= first.1 { return 1 }
    if threshold > last.1 { return 0 }
    var below = last.0
    for (p, q) in zip(points, points.dropFirst()) where threshold > p.1 && threshold <= q.1 {
        // Rates equal at both ends: the share below is the lower point's.
        below = q.1 == p.1 ? p.0 : p.0 + (q.0 - p.0) * (threshold - p.1) / (q.1 - p.1)
        break
    }
    return 1 - below
}
