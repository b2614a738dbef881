#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Temporary files mstore made (spooled input), kept where a signal handler can reach them,
/// so that an interrupted or killed-by-TERM ingest leaves none behind.
///
/// The paths are C strings in a fixed table: the handler only walks the table and calls
/// `unlink`, which is safe in a signal handler.
public enum TemporaryFiles {
    private static let capacity = 64
    nonisolated(unsafe) private static let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    nonisolated(unsafe) private static var ready = false

    private static func prepare() {
        if !ready {
            table.initialize(repeating: nil, count: capacity)
            ready = true
        }
    }

    static func remember(_ path: String) {
        prepare()
        for i in 0..<capacity where table[i] == nil {
            table[i] = strdup(path)
            return
        }
    }

    static func forget(_ path: String) {
        prepare()
        for i in 0..<capacity {
            if let p = table[i], String(cString: p) == path {
                table[i] = nil
                free(p)
            }
        }
    }

    /// Removes every remembered file (from a signal handler too).
    public static func removeAll() {
        guard ready else { return }
        for i in 0..<capacity {
            if let p = table[i] { unlink(p) }
        }
    }

    /// On SIGINT, SIGTERM or SIGHUP: remove the temporary files, then die of the signal as
    /// usual (so the exit status still says which).
    public static func removeOnSignals() {
        // A parent may have left these blocked; they must reach the handler.
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, sig) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { received in
                TemporaryFiles.removeAll()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }
}
