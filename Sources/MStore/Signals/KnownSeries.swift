/// Units of well-known public series, used when a download does not say (FRED graph files
/// carry no units).
enum KnownSeries {
    static let units: [String: String] = [
        "IORB": "percent", "IOER": "percent", "SOFR": "percent", "EFFR": "percent", "DFF": "percent", "OBFR": "percent",
        "TGCR": "percent", "BGCR": "percent", "DFEDTARL": "percent", "DFEDTARU": "percent", "DGS10": "percent", "DGS2": "percent",
        "BAMLC0A0CM": "percent", "BAMLH0A0HYM2": "percent", "UNRATE": "percent", "WRESBAL": "USD bn", "WALCL": "USD mn",
        "GDPC1": "USD bn (chained 2017)", "GDP": "USD bn", "PAYEMS": "thousands", "TOTBKCR": "USD bn",
    ]

    static func unit(for key: String) -> String? { units[key.uppercased()] }
}

/// Whether a unit names a rate in percent (spreads between two such series are in basis points).
func isPercentUnit(_ unit: String?) -> Bool {
    guard let u = unit?.lowercased() else { return false }
    return u == "percent" || u == "%" || u.hasPrefix("percent")
}
