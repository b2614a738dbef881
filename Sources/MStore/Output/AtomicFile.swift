#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes `text` to `path` through a temporary file in the same directory and a rename, so
/// readers see either the old file or the complete new one, never half of it.
public func writeAtomically(_ text: String, to path: String) throws {
    try writeAtomically(bytes: Array(text.utf8), to: path)
}

/// Writes `bytes` to `path` atomically (see ``writeAtomically(_:to:)``).
public func writeAtomically(bytes data: [UInt8], to path: String) throws {
    let temporary = path + ".tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw MStoreError.io(path: path, message: "cannot write: \(String(cString: strerror(errno)))") }
    var failure: Error?
    do {
        try data.withUnsafeBufferPointer { try writeAll($0, to: fd, name: path) }
    } catch {
        failure = error
    }
    if close(fd) != 0, failure == nil {
        failure = MStoreError.io(path: path, message: "cannot write: \(String(cString: strerror(errno)))")
    }
    if let failure {
        unlink(temporary)
        throw failure
    }
    guard rename(temporary, path) == 0 else {
        let message = String(cString: strerror(errno))
        unlink(temporary)
        throw MStoreError.io(path: path, message: "cannot write: \(message)")
    }
}

/// Writes `text` to standard output.
public func writeToStandardOutput(_ text: String) {
    writeBytesToStandardOutput(Array(text.utf8))
}

/// Writes one line to standard error.
public func writeToStandardError(_ line: String) {
    var copy = line + "\n"
    copy.withUTF8 { bytes in _ = write(2, bytes.baseAddress!, bytes.count) }
}

/// Whether file descriptor `fd` is a terminal.
public func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

/// Writes raw bytes to standard output; stops quietly at a closed pipe (`| head`).
public func writeBytesToStandardOutput(_ data: [UInt8]) {
    data.withUnsafeBufferPointer { bytes in
        var offset = 0
        while offset < bytes.count {
            let n = write(1, bytes.baseAddress! + offset, bytes.count - offset)
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                return
            }
            offset += n
        }
    }
}
