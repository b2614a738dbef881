/// Up to `limit` keys close to `typed`: within a few edits (case-insensitive), or containing
/// it, or contained in it; the closest first, then those that start with it.
func suggestions(for typed: String, among keys: [String], limit: Int = 3) -> [String] {
    let t = Array(typed.lowercased())
    guard !t.isEmpty else { return [] }
    let allowed = max(1, t.count / 3)
    let text = String(t)
    // (distance, 0 if the key starts with what was typed, length difference, key)
    var scored: [(Int, Int, Int, String)] = []
    for key in keys {
        let k = key.lowercased()
        let d = editDistance(t, Array(k), limit: allowed)
        let near = d <= allowed || (t.count >= 3 && (k.contains(text) || (text.contains(k) && k.count >= 3)))
        if near { scored.append((min(d, allowed + 1), k.hasPrefix(text) ? 0 : 1, abs(k.count - t.count), key)) }
    }
    return scored.sorted { ($0.0, $0.1, $0.2, $0.3) < ($1.0, $1.1, $1.2, $1.3) }.prefix(limit).map(\.3)
}

/// Levenshtein distance between `a` and `b`, or `limit + 1` as soon as it must exceed `limit`.
func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
    if abs(a.count - b.count) > limit { return limit + 1 }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...max(1, a.count) where !a.isEmpty {
        current[0] = i
        var best = current[0]
        for j in 1...max(1, b.count) where !b.isEmpty {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            best = min(best, current[j])
        }
        if best > limit { return limit + 1 }
        swap(&previous, &current)
    }
    return a.isEmpty ? b.count : previous[b.count]
}
