import Foundation

// The records the store's reads return, the same from every engine.

/// One observation: a date and its value.
public struct Observation: Sendable, Equatable {
    /// The observation date.
    public var date: Day
    /// The value.
    public var value: Double
    /// An observation of `value` on `date`.
    public init(date: Day, value: Double) {
        self.date = date
        self.value = value
    }
}

/// A series in the catalog, with the span of its observations.
public struct SeriesInfo: Sendable, Equatable {
    /// The key as stored.
    public var key: String
    /// A descriptive name, when the file gave one.
    public var name: String?
    /// The unit (`percent`, `USD bn`, `bp`, …), when known.
    public var unit: String?
    /// The frequency code, inferred or given.
    public var frequency: String?
    /// Where the values came from (`FRED`, `NYFED`, …).
    public var source: String?
    /// Free-form notes.
    public var notes: String?
    /// The factor the values are published in (1000000 for millions), when the publisher
    /// said; values are stored as published.
    public var multiplier: Double?
    /// The currency (ISO code), when the publisher said.
    public var currency: String?
    /// The first observation date (as known on the as-of day).
    public var first: Day?
    /// The last observation date.
    public var last: Day?
    /// The number of observations.
    public var count: Int
}

/// One ingest run, as recorded in the store.
public struct IngestRun: Sendable, Equatable {
    /// The run's number in `ingest_run`.
    public var id: Int64
    /// The file as it was named.
    public var fileName: String
    /// The content's SHA-256, in hex.
    public var sha256: String
    /// The layout it was read as.
    public var layout: String
    /// The day its values became known (`YYYY-MM-DD`).
    public var vintage: String
    /// When the run finished (UTC, ISO 8601).
    public var finishedAt: String?
    /// Values stored for new dates.
    public var inserted: Int
    /// Values that revised a stored one.
    public var revised: Int
    /// Values equal to the stored ones.
    public var unchanged: Int
    /// Rows set aside under `--skip-bad`.
    public var rejected: Int
}

/// A change of a stored value: what it was, what it became, and when that became known.
public struct Revision: Sendable, Equatable {
    /// The observation date revised.
    public var date: Day
    /// The value before the revision.
    public var oldValue: Double
    /// The value after it.
    public var newValue: Double
    /// The vintage of the new value.
    public var vintage: Day
    /// Days from the observation date to the vintage.
    public var daysAfter: Int { Int(vintage.ordinal - date.ordinal) }
    /// `newValue - oldValue`, rounded to the decimals the two values have (so 23528.4 − 23531
    /// is −2.6, not −2.6000000000008).
    public var change: Double {
        let digits = max(decimals(oldValue), decimals(newValue))
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return ((newValue - oldValue) * scale).rounded() / scale
    }
}

/// How much, how often and how late one series was revised: the data fog in one row.
public struct RevisionSummary: Sendable, Equatable {
    /// The series key.
    public var key: String
    /// Its unit, when known.
    public var unit: String?
    /// Revisions recorded (a date revised twice counts twice).
    public var revisions: Int
    /// Distinct observation dates that were revised at least once.
    public var datesRevised: Int
    /// Distinct vintages that brought a revision.
    public var vintages: Int
    /// The mean of |new − old|.
    public var meanAbsoluteChange: Double
    /// The largest |new − old|.
    public var maxAbsoluteChange: Double
    /// The mean of |new − old| / |old|, in percent.
    public var meanAbsolutePercent: Double
    /// The median number of days from the observation date to the revising vintage.
    public var medianDaysAfter: Double
    /// The vintage of the latest revision.
    public var lastVintage: Day
}

/// Limits on one `mstore sql` statement, so that no query can run away.
public struct SQLLimits: Sendable {
    /// Seconds before the statement is stopped.
    public var seconds: Double = 30
    /// Rows before the statement is stopped.
    public var rows: Int = 1_000_000
    /// The most memory SQLite may use, in bytes (and the longest text or blob: a tenth).
    public var memoryBytes: Int64 = 1 << 30

    /// The documented defaults: 30 s, 1,000,000 rows, 1 GiB.
    public init() {}
}

/// Series that share a source, as `mstore update` refreshes them.
public struct UpdateTarget: Sendable {
    /// Where they come from.
    public var source: FetchSource
    /// FRED's every real-time period was asked for.
    public var allVintages: Bool
    /// How a URL's file is read (ingest flags as a JSON array).
    public var flags: String?
    /// The keys fetched from it, sorted.
    public var keys: [String]
    /// The UTC day of the last fetch that stored its payload.
    public var lastFetched: Day?
    /// The latest current observation among its series.
    public var lastObservation: Day?

    /// The first observation date to ask for: a window before the last observation wide
    /// enough to catch the publisher's revisions (FRED: two years; New York Fed: 35 days);
    /// nil asks for everything (a URL, or nothing stored yet).
    public var window: Day? {
        guard let last = lastObservation else { return nil }
        switch source.kind {
        case .fred, .fredgraph: return last.adding(months: -24)
        case .nyfed: return last.adding(days: -35)
        case .url: return nil
        }
    }
}

/// Digits after the point in the shortest text of `value` (at most 12).
func decimals(_ value: Double) -> Int {
    let text = formatNumber(value)
    guard !text.contains("e"), let dot = text.firstIndex(of: ".") else { return 0 }
    return min(12, text.distance(from: dot, to: text.endIndex) - 1)
}
