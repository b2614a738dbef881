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

/// Writes `bytes` to `path` atomically (see ``writeAtomically(_:to:)``). A FIFO, a terminal
/// or `/dev/stdout` is written in place; the store, its companion files, directories and
/// symbolic links are refused (``MStoreError/usage(_:)``). Every write and the close are
/// checked: a failure is ``MStoreError/io(path:message:)`` and leaves no file behind.
public func writeAtomically(bytes data: [UInt8], to path: String) throws {
    if try checkOutputPath(path) == .writeInPlace {
        try write(data, toNew: false, at: path, reporting: path)
        return
    }
    let temporary = path + ".tmp-\(getpid())"
    do {
        try write(data, toNew: true, at: temporary, reporting: path)
    } catch {
        unlink(temporary)
        throw error
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

/// Writes raw bytes to standard output; stops quietly at a closed pipe (`| head`). Any other
/// failure (a full disk, `> /dev/full`) is remembered in ``StandardOutput/failure`` for the
/// program to report when it ends.
public func writeBytesToStandardOutput(_ data: [UInt8]) {
    guard StandardOutput.failure == nil, !StandardOutput.closed else { return }
    data.withUnsafeBufferPointer { bytes in
        var offset = 0
        while offset < bytes.count {
            let n = write(1, bytes.baseAddress! + offset, bytes.count - offset)
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                if n < 0 && errno == EPIPE {
                    StandardOutput.closed = true
                } else {
                    StandardOutput.failure = String(cString: strerror(n < 0 ? errno : EIO))
                }
                return
            }
            offset += n
        }
    }
}

/// What became of standard output: a reader that went away (`| head`) is fine; a failed
/// write is an error the program reports with exit 74.
public enum StandardOutput {
    nonisolated(unsafe) static var closed = false
    /// Why a write to standard output failed, if one did.
    nonisolated(unsafe) public internal(set) static var failure: String?

    /// The failure seen, if any, when the program ends (writes are unbuffered: nothing is
    /// left to flush).
    public static func finish() -> String? { failure }
}

/// Opens `target` (created and truncated when `toNew`), writes all of `data` and closes it,
/// checking each step; errors name `path`, the file the user asked for.
private func write(_ data: [UInt8], toNew: Bool, at target: String, reporting path: String) throws {
    let fd = toNew ? open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644) : open(target, O_WRONLY)
    guard fd >= 0 else { throw MStoreError.io(path: path, message: "cannot write: \(String(cString: strerror(errno)))") }
    var failure: Error?
    do {
        try data.withUnsafeBufferPointer { try writeAll($0, to: fd, name: path) }
    } catch {
        failure = error
    }
    if close(fd) != 0, failure == nil { failure = MStoreError.io(path: path, message: "cannot write: \(String(cString: strerror(errno)))") }
    if let failure { throw failure }
}
