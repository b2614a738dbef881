import Foundation

/// Red alerts, yellow staleness, on a terminal.
public func colourised(_ text: String, colour: Bool) -> String {
    guard colour else { return text }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        var l = String(line)
        if let r = l.range(of: "ALERT") { l = l.replacingCharacters(in: r.lowerBound..<l.endIndex, with: "\u{1B}[31m" + l[r.lowerBound...] + "\u{1B}[0m") }
        if let r = l.range(of: "STALE") { l = l.replacingCharacters(in: r, with: "\u{1B}[33mSTALE\u{1B}[0m") }
        return l
    }.joined(separator: "\n")
}
