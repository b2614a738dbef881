/// A calendar day in the proleptic Gregorian calendar, stored as days since 1970-01-01.
///
/// Observation dates, vintages and `--since`/`--until`/`--as-of` bounds are all days:
/// mstore has no time of day and no time zones.
///
/// ```swift
/// let day = Day(year: 2025, month: 10, day: 30)
/// day.description // "2025-10-30"
/// ```
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public var ordinal: Int32

    /// The day `ordinal` days after 1970-01-01 (negative before).
    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// A day from its civil parts; `nil` when the parts do not name a real day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= Day.daysIn(month: month, year: year)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = Int32(era * 146097 + doe - 719468)
    }

    /// The civil (year, month, day) of this day.
    public var parts: (year: Int, month: Int, day: Int) {
        let z = Int(ordinal) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let w = (Int(ordinal) + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    /// The day `days` days later (earlier when negative).
    /// Total: a result before 0001-01-01 or after 9999-12-31 is that bound.
    public func adding(days: Int) -> Day {
        // Any shift beyond the whole calendar (3.65 million days) lands on a bound.
        let target = Int64(ordinal) + Int64(Swift.max(-5_000_000, Swift.min(5_000_000, days)))
        if target < Int64(Day.distantPast.ordinal) { return .distantPast }
        if target > Int64(Day.distantFuture.ordinal) { return .distantFuture }
        return Day(ordinal: Int32(target))
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { buffer in
            writeISO(to: buffer.baseAddress!)
            return String(decoding: buffer, as: UTF8.self)
        }
    }

    /// Appends the 10 bytes of `YYYY-MM-DD` to `bytes`.
    func appendISO(to bytes: inout [UInt8]) {
        bytes.append(contentsOf: repeatElement(0, count: 10))
        bytes.withUnsafeMutableBufferPointer { writeISO(to: $0.baseAddress! + $0.count - 10) }
    }

    /// Writes the 10 bytes of `YYYY-MM-DD` to `bytes`.
    func writeISO(to bytes: UnsafeMutablePointer<UInt8>) {
        let offset = 0
        let (y, m, d) = parts
        let zero = UInt8(ascii: "0")
        bytes[offset] = zero + UInt8(y / 1000 % 10)
        bytes[offset + 1] = zero + UInt8(y / 100 % 10)
        bytes[offset + 2] = zero + UInt8(y / 10 % 10)
        bytes[offset + 3] = zero + UInt8(y % 10)
        bytes[offset + 4] = UInt8(ascii: "-")
        bytes[offset + 5] = zero + UInt8(m / 10)
        bytes[offset + 6] = zero + UInt8(m % 10)
        bytes[offset + 7] = UInt8(ascii: "-")
        bytes[offset + 8] = zero + UInt8(d / 10)
        bytes[offset + 9] = zero + UInt8(d % 10)
    }

    /// Earlier days come first.
    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Day {
    /// Today in UTC.
    public static var today: Day {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Day(ordinal: Int32(floorDiv(Int(t.tv_sec), 86400)))
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Day {
    /// 0001-01-01, before any date a store holds: an open lower bound in queries.
    public static let distantPast = Day(ordinal: -719162)
    /// 9999-12-31, after any date a store holds: an open upper bound in queries.
    public static let distantFuture = Day(ordinal: 2_932_896)
}
