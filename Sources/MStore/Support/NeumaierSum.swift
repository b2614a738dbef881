/// A running sum with Neumaier's compensation: as if the terms were added exactly and
/// rounded once, so the result hardly depends on their order (five 4.15s sum to 20.75).
struct NeumaierSum {
    private var sum = 0.0
    private var compensation = 0.0

    mutating func add(_ v: Double) {
        let t = sum + v
        compensation += abs(sum) >= abs(v) ? (sum - t) + v : (v - t) + sum
        sum = t
    }

    var value: Double { sum + compensation }
}

/// The compensated sum of `values` (see ``NeumaierSum``).
func compensatedSum(_ values: [Double]) -> Double {
    var s = NeumaierSum()
    for v in values { s.add(v) }
    return s.value
}
