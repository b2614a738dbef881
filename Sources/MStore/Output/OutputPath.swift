#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// The files no output may replace: every store this process opened, with its `-wal`,
/// `-shm` and `-journal` companions. A store registers itself when it opens a file.
final class ProtectedFiles: @unchecked Sendable {
    static let shared = ProtectedFiles()
    private let lock = NSLock()
    private var paths: [String] = []
    private var inputs: [String] = []

    func register(store path: String) {
        lock.lock()
        defer { lock.unlock() }
        for suffix in ["", "-wal", "-shm", "-journal"] where !paths.contains(path + suffix) { paths.append(path + suffix) }
    }

    /// A file this process reads as input (an ingested file): no output may replace it.
    func register(input path: String) {
        lock.lock()
        defer { lock.unlock() }
        if !inputs.contains(path) { inputs.append(path) }
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return paths
    }

    var allInputs: [String] {
        lock.lock()
        defer { lock.unlock() }
        return inputs
    }
}

/// How an output path may be written.
enum OutputTarget: Equatable {
    /// A regular file or a new name: through a temporary file and a rename.
    case replaceAtomically
    /// A FIFO, a terminal, `/dev/stdout` or `/dev/null`: written in place, never renamed.
    case writeInPlace
}

/// The identity of a file (device and inode), following symbolic links; `nil` if none.
private func identity(_ path: String) -> (dev_t, ino_t)? {
    var s = stat()
    guard stat(path, &s) == 0 else { return nil }
    return (s.st_dev, s.st_ino)
}

/// `path` with its directory resolved (symbolic links, `..`), for comparing names of files
/// that may not exist yet.
private func canonical(_ path: String) -> String {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    guard let resolved = realpath(directory, nil) else { return url.standardizedFileURL.path }
    defer { free(resolved) }
    return String(cString: resolved) + "/" + url.lastPathComponent
}

/// Decides how `path` may be written, or refuses it: the store or one of its companions
/// (compared by file identity, and by resolved name for companions not yet created), a
/// directory, a block device or a symbolic link to a regular file.
///
/// - Throws: ``MStoreError/usage(_:)`` naming the path and why.
func checkOutputPath(_ path: String) throws -> OutputTarget {
    let protected = ProtectedFiles.shared.all
    if let target = identity(path) {
        for p in protected where identity(p).map({ $0 == target }) ?? false {
            let companion = ["-wal", "-shm", "-journal"].contains { p.hasSuffix($0) }
            throw MStoreError.usage("\(path) is \(companion ? "a file of the store (\(p))" : "the store (\(p))"): writing there would destroy it; choose another file")
        }
        for p in ProtectedFiles.shared.allInputs where identity(p).map({ $0 == target }) ?? false {
            throw MStoreError.usage("\(path) is an input of this command (\(p)): writing there would destroy it; choose another file")
        }
    } else {
        let name = canonical(path)
        for p in protected where canonical(p) == name {
            throw MStoreError.usage("\(path) is a file of the store \(p): choose another file")
        }
    }
    var own = stat()
    guard lstat(path, &own) == 0 else { return .replaceAtomically }  // a new name
    var followed = stat()
    let kind = stat(path, &followed) == 0 ? followed.st_mode & S_IFMT : own.st_mode & S_IFMT
    switch kind {
    case S_IFIFO, S_IFCHR, S_IFSOCK: return .writeInPlace
    case S_IFDIR: throw MStoreError.usage("\(path) is a directory: give a file name")
    case S_IFREG:
        if own.st_mode & S_IFMT == S_IFLNK {
            throw MStoreError.usage("\(path) is a symbolic link: give the file it points to, or a new name")
        }
        return .replaceAtomically
    default: throw MStoreError.usage("\(path) is not a regular file: give a file name")
    }
}
