import Foundation
@testable import MStore

/// A fresh temporary directory, removed when the process exits is not needed: the OS cleans /tmp.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "mstore-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes `text` (or raw bytes) to a new file in a temporary directory and returns its path.
@discardableResult
func writeTemporaryFile(_ text: String, name: String = "input.csv", in directory: String? = nil) throws -> String {
    try writeTemporaryFile(Array(text.utf8), name: name, in: directory)
}

@discardableResult
func writeTemporaryFile(_ bytes: [UInt8], name: String = "input.csv", in directory: String? = nil) throws -> String {
    let dir = try directory ?? temporaryDirectory()
    let path = dir + "/" + name
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
        throw MStoreError.io(path: path, message: "could not create test file")
    }
    return path
}

/// The kinds of store every store test runs against: SQLite in memory and on disk, and a
/// PostgreSQL server the tests start themselves.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case memory, file, postgresql
    var testDescription: String { rawValue }

    func make() throws -> Store {
        switch self {
        case .memory: return try Store()
        case .file: return try Store(path: try temporaryDirectory() + "/test.db")
        case .postgresql: return try Store(path: try PostgresServer.newStoreURL())
        }
    }
}

func day(_ text: String) -> Day {
    guard let bound = PeriodBound(text) else { preconditionFailure("bad test date \(text)") }
    return bound.first
}

import Testing

/// Outside programs some tests use, found once. Each lookup names the Debian package that
/// provides the tool, so a missing one fails a test with one line instead of crashing.
enum OutsideTool {
    /// A Python 3 that can import openpyxl: Debian's own first (python3-openpyxl installs
    /// there), then any python3 on PATH.
    static let openpyxlPython: String? = {
        var candidates = ["/usr/bin/python3"]
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append(dir + "/python3")
        }
        return candidates.first { path in
            guard FileManager.default.isExecutableFile(atPath: path) else { return false }
            return (try? runQuietly(path, ["-c", "import openpyxl"])) == 0
        }
    }()

    /// `rsvg-convert` from librsvg2-bin.
    static let rsvgConvert: String? = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Debian's `chromium`, for the report's browser checks.
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/local/bin/chromium"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static let chromiumMissing: Comment = "chromium is missing: sudo apt-get install -y chromium"
    static let openpyxlMissing: Comment = "openpyxl is missing: sudo apt-get install -y python3-openpyxl"
    static let rsvgMissing: Comment = "rsvg-convert is missing: sudo apt-get install -y librsvg2-bin"

    /// Runs a program with its output discarded; returns its exit status.
    static func runQuietly(_ path: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Runs a program to its end: exit status, standard output and standard error (read on
/// two threads so that neither pipe can fill up and block), standard input empty.
func runProcess(_ path: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil) throws -> CLI.Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    nonisolated(unsafe) var errData = Data()
    let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !reader.isFinished { usleep(1000) }
    let text = String(decoding: outData, as: UTF8.self)
    return CLI.Result(status: process.terminationStatus, stdout: text, stderr: String(decoding: errData, as: UTF8.self), raw: text)
}
