import Foundation
import Synchronization
import Testing

@testable import MStore

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL server for the tests: Debian's `postgresql` binaries, `initdb`
/// into a temporary directory and the server on 127.0.0.1 and a free port (as `nobody`
/// when the tests run as root: PostgreSQL refuses to run as root), started once per test
/// process and stopped when it exits. Every test takes a schema of its own, so tests run
/// side by side on one server.
final class PostgresServer: @unchecked Sendable {
    let port: Int
    let directory: String
    let bin: String
    /// Why there is no server (the missing package, a failed start).
    static let shared: Result<PostgresServer, PostgresUnavailable> = {
        do { return .success(try PostgresServer()) } catch let error as PostgresUnavailable { return .failure(error) } catch {
            return .failure(PostgresUnavailable(message: "\(error)"))
        }
    }()

    struct PostgresUnavailable: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// The server, or a test failure of one line naming what is missing.
    static func server() throws -> PostgresServer {
        switch shared {
        case let .success(server): return server
        case let .failure(problem): throw problem
        }
    }

    /// A URL for a new, empty store of its own (a schema no other test uses).
    static func newStoreURL(user: String = "mstore") throws -> String {
        try server().storeURL(user: user)
    }

    let data: String
    /// The superuser's password when the server asks for one (`nil`: trust on 127.0.0.1).
    let password: String?

    /// A server of its own (for a test that stops it or needs passwords), stopped and
    /// removed when the tests end, or by `remove()`.
    static func privateServer(password: String? = nil) throws -> PostgresServer {
        _ = try server()  // the same package check and message
        return try PostgresServer(password: password)
    }

    private init(password: String? = nil) throws {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.sorted(by: { (Int($0) ?? 0) < (Int($1) ?? 0) }).last(where: {
            FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/initdb")
        }) else {
            throw PostgresUnavailable(message: "the PostgreSQL tests need a server: apt-get install postgresql")
        }
        bin = "/usr/lib/postgresql/\(version)/bin"
        directory = NSTemporaryDirectory() + "mstore-pg-" + UUID().uuidString.prefix(8)
        data = directory + "/data"
        self.password = password
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        port = Self.freePort()
        var auth = ["--auth=trust"]
        if let password {
            let file = directory + "/pw"
            try password.write(toFile: file, atomically: false, encoding: .utf8)
            auth = ["--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + file]
        }
        if geteuid() == 0 { _ = try Self.run("/bin/chown", ["-R", "nobody:nogroup", directory]) }
        let initdb = try Self.run(bin + "/initdb", ["-D", data, "-U", "mstore", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"] + auth)
        guard initdb.status == 0 else { throw PostgresUnavailable(message: "initdb failed: \(initdb.output.suffix(300))") }
        try start()
        PostgresServer.stopAtExit.withLock { $0.append(([bin + "/pg_ctl", "-D", data, "-m", "immediate", "stop"], directory)) }
        _ = Self.cleanUpAtExit
    }

    /// Every server is stopped and its files removed when the tests end (about 100 MB a server).
    static let cleanUpAtExit: Void = {
        atexit {
            for (command, directory) in PostgresServer.stopAtExit.withLock({ $0 }) {
                _ = try? PostgresServer.run(command[0], Array(command.dropFirst()))
                try? FileManager.default.removeItem(atPath: directory)
            }
        }
    }()

    /// Starts the server (again) on its port.
    func start() throws {
        let start = try Self.run(bin + "/pg_ctl", [
            "-D", data, "-l", directory + "/log", "-w", "-t", "60", "start", "-o",
            "-c listen_addresses=127.0.0.1 -p \(port) -k \(directory) -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60",
        ])
        guard start.status == 0 else {
            let log = (try? String(contentsOfFile: directory + "/log", encoding: .utf8)) ?? ""
            throw PostgresUnavailable(message: "the test server did not start: \(start.output.suffix(200)) \(log.suffix(300))")
        }
    }

    /// Stops the server: `fast` ends every session at once (their transactions roll back).
    func stop(mode: String = "fast") throws {
        let r = try Self.run(bin + "/pg_ctl", ["-D", data, "-m", mode, "-w", "stop"])
        guard r.status == 0 else { throw PostgresUnavailable(message: "pg_ctl stop: \(r.output)") }
    }

    /// Stops the server and removes its files now.
    func remove() {
        _ = try? stop(mode: "immediate")
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A URL for a new store of its own on this server.
    func storeURL(user: String = "mstore", password: String? = nil) -> String {
        let credentials = password.map { "\(user):\($0)" } ?? user
        return "postgresql://\(credentials)@127.0.0.1:\(port)/postgres?schema=t_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
    }

    static let stopAtExit = Mutex<[(command: [String], directory: String)]>([])

    /// Runs a server program, as `nobody` when the tests run as root, and waits for it.
    /// (posix_spawn and waitpid rather than Process: Foundation never reaped pg_ctl, whose
    /// server child outlives it, and the wait never returned.)
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        var argv = geteuid() == 0 && !program.hasPrefix("/bin/")
            ? ["/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", program] + arguments
            : [program] + arguments
        let outputPath = NSTemporaryDirectory() + "mstore-pg-output-" + UUID().uuidString
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
        guard rc == 0 else { throw PostgresUnavailable(message: "cannot run \(argv[0]): \(String(cString: strerror(rc)))") }
        argv.removeAll()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let data = FileManager.default.contents(atPath: outputPath) ?? Data()
        let exited = (status & 0x7f) == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), String(decoding: data, as: UTF8.self))
    }

    /// A port nothing listens on now (the kernel's choice for a socket bound to port 0).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// psql on the test server, as its superuser.
    func psql(_ sql: String) throws -> String {
        let r = try Self.run(bin + "/psql", ["-h", directory, "-p", String(port), "-U", "mstore", "-d", "postgres", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql])
        guard r.status == 0 else { throw PostgresUnavailable(message: "psql: \(r.output)") }
        return r.output
    }
}
