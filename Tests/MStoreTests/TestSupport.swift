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

/// The two kinds of store every store test runs against.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case memory, file
    var testDescription: String { rawValue }

    func make() throws -> Store {
        switch self {
        case .memory: return try Store()
        case .file: return try Store(path: try temporaryDirectory() + "/test.db")
        }
    }
}

func day(_ text: String) -> Day {
    guard let bound = PeriodBound(text) else { preconditionFailure("bad test date \(text)") }
    return bound.first
}

import Testing
