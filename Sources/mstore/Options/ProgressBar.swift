import Foundation
import MStore

/// A one-line progress bar on standard error, shown only on a terminal and for files over 4 MB.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private var shown = false

    init?(label: String) {
        guard isTerminal(2), label != "-" else { return nil }
        let size = (try? FileManager.default.attributesOfItem(atPath: label)[.size] as? Int) ?? 0
        guard size > 4 << 20 else { return nil }
        self.label = label
    }

    func update(done: Int, total: Int) {
        guard total > 0 else { return }
        let fraction = min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let mb = { (n: Int) in fixed(Double(n) / 1_048_576, digits: 1) }
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(Int(fraction * 100))% \(mb(done))/\(mb(total)) MB".utf8))
        shown = true
    }

    func clear() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
