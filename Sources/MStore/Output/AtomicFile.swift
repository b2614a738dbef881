#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization

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
    var existing = stat()
    let exists = stat(path, &existing) == 0
    // A FIFO or a terminal, and a file with other names (hard links), are written in place:
    // a rename would give the new bytes to this name only.
    if try checkOutputPath(path) == .writeInPlace {
        try write(data, toNew: false, at: path, reporting: path)
        return
    }
    if exists && existing.st_nlink > 1 {
        try write(data, toNew: true, at: path, reporting: path)
        return
    }
    removeStaleTemporaries(of: path)
    // A name of our own, made with O_EXCL|O_NOFOLLOW: a symbolic link planted at it is never followed.
    var temporary = ""
    var fd: Int32 = -1
    for _ in 0..<16 {
        temporary = path + ".tmp-\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
        fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, exists ? existing.st_mode & 0o7777 : 0o644)
        if fd >= 0 || errno != EEXIST { break }
    }
    guard fd >= 0 else { throw MStoreError.io(path: path, message: "cannot write: \(String(cString: strerror(errno)))") }
    TemporaryFiles.remember(temporary)
    defer { TemporaryFiles.forget(temporary) }
    if exists {
        // The file keeps its permissions (open applies the umask) and, where allowed, its owner.
        _ = fchmod(fd, existing.st_mode & 0o7777)
        if geteuid() == 0 { _ = fchown(fd, existing.st_uid, existing.st_gid) }
    }
    do {
        try write(data, fd: fd, reporting: path)
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

/// Removes `PATH.tmp-PID-…` files that an earlier mstore, since killed, left beside `path`.
func removeStaleTemporaries(of path: String) {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[..<$0]) } ?? "."
    let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
    removeStaleFiles(in: directory.isEmpty ? "/" : directory, prefix: base + ".tmp-")
}

/// Removes the files in `directory` named `PREFIX<pid>-…` (or `PREFIX<pid>`) whose process
/// no longer runs: what a SIGKILL left behind.
func removeStaleFiles(in directory: String, prefix: String) {
    guard let dir = opendir(directory) else { return }
    defer { closedir(dir) }
    let me = getpid()
    while let entry = readdir(dir) {
        // The name is read where it is: glibc sizes each entry to its name, so copying the
        // whole 256-byte d_name field can read past the end of readdir's buffer (SIGSEGV).
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        let name = String(cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
        guard name.hasPrefix(prefix) else { continue }
        let rest = name.dropFirst(prefix.count)
        guard let pid = Int32(rest.prefix { $0.isNumber }), pid > 0, pid != me else { continue }
        // Not running (ESRCH): the file is stale. A process of another user (EPERM) is alive.
        if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + name) }
    }
}

/// Writes `text` to standard output.
public func writeToStandardOutput(_ text: String) {
    writeBytesToStandardOutput(Array(text.utf8))
}

/// Writes one line to standard error.
public func writeToStandardError(_ line: String) {
    // Messages quote names, units and text from files: control characters are shown, not sent.
    var copy = escapingControls(Secrets.redacting(line)) + "\n"
    copy.withUTF8 { bytes in _ = write(2, bytes.baseAddress!, bytes.count) }
}

/// Secrets (an API key) that no message may show: ``writeToStandardError(_:)`` replaces
/// each with `REDACTED`.
public enum Secrets {
    private static let known = Mutex<[String]>([])

    /// Adds `secret` to the texts never shown (ignored when shorter than 8 characters).
    public static func register(_ secret: String) {
        guard secret.count >= 8 else { return }
        known.withLock { if !$0.contains(secret) { $0.append(secret) } }
    }

    /// `text` with every registered secret replaced by `REDACTED`.
    public static func redacting(_ text: String) -> String {
        let secrets = known.withLock { $0 }
        var text = text
        for secret in secrets where text.contains(secret) { text = text.replacingOccurrences(of: secret, with: "REDACTED") }
        return text
    }
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

/// Opens `target` (truncated when `toNew`), writes all of `data` and closes it, checking
/// each step; errors name `path`, the file the user asked for.
private func write(_ data: [UInt8], toNew: Bool, at target: String, reporting path: String) throws {
    let fd = toNew ? open(target, O_WRONLY | O_TRUNC) : open(target, O_WRONLY)
    guard fd >= 0 else { throw MStoreError.io(path: path, message: "cannot write: \(String(cString: strerror(errno)))") }
    try write(data, fd: fd, reporting: path)
}

/// Writes all of `data` to `fd` and closes it.
private func write(_ data: [UInt8], fd: Int32, reporting path: String) throws {
    var failure: Error?
    do {
        try data.withUnsafeBufferPointer { try writeAll($0, to: fd, name: path) }
    } catch {
        failure = error
    }
    if close(fd) != 0, failure == nil { failure = MStoreError.io(path: path, message: "cannot write: \(String(cString: strerror(errno)))") }
    if let failure { throw failure }
}
