import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 (never any other address) for the fetch tests:
/// each request is answered by `handler`, one connection at a time per thread, and
/// recorded. Stopped by `stop()`.
final class LocalHTTPServer: @unchecked Sendable {
    struct Request {
        var path: String
        var query: [String: String]
        var target: String
    }

    struct Reply {
        var status: Int
        var headers: [String: String] = [:]
        var body: Data
        /// Seconds to wait before answering (a publisher that hangs).
        var delay: Double = 0
        /// When set, the body is this chunk sent again and again, with no length, until the
        /// client goes away (an endless answer).
        var endless: Data?

        static func file(_ name: String, status: Int = 200) -> Reply {
            Reply(status: status, body: FileManager.default.contents(atPath: CLI.fixtures + "/http/" + name) ?? Data())
        }

        static func text(_ text: String, status: Int, headers: [String: String] = [:]) -> Reply {
            Reply(status: status, headers: headers, body: Data(text.utf8))
        }
    }

    let port: UInt16
    private let fd: Int32
    private let lock = NSLock()
    private var _handler: (Request) -> Reply
    private var _requests: [Request] = []

    var handler: (Request) -> Reply {
        get { lock.withLock { _handler } }
        set { lock.withLock { _handler = newValue } }
    }

    var requests: [Request] { lock.withLock { _requests } }

    var base: String { "http://127.0.0.1:\(port)" }

    init(handler: @escaping (Request) -> Reply) throws {
        _handler = handler
        let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard sock >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(sock, 16) == 0 else {
            close(sock)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(sock, $0, &length) }
        }
        fd = sock
        port = UInt16(bigEndian: address.sin_port)
        let listener = fd
        Thread { [weak self] in
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                guard let server = self else {
                    close(connection)
                    return
                }
                Thread { server.serve(connection) }.start()
            }
        }.start()
    }

    func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !received.contains(13) || String(decoding: received, as: UTF8.self).range(of: "\r\n\r\n") == nil {
            let n = recv(connection, &chunk, chunk.count, 0)
            guard n > 0 else { return }
            received += chunk[0..<n]
            if received.count > 65536 { return }
        }
        let head = String(decoding: received, as: UTF8.self)
        let requestLine = head.split(separator: "\r\n").first.map(String.init) ?? ""
        let target = requestLine.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        let components = URLComponents(string: target)
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let request = Request(path: components?.path ?? target, query: query, target: target)
        let reply = lock.withLock { () -> Reply in
            _requests.append(request)
            return _handler(request)
        }
        if reply.delay > 0 { Thread.sleep(forTimeInterval: reply.delay) }
        var text = "HTTP/1.1 \(reply.status) X\r\n"
        text += (reply.endless == nil ? "Content-Length: \(reply.body.count)\r\n" : "") + "Connection: close\r\n"
        for (k, v) in reply.headers { text += "\(k): \(v)\r\n" }
        text += "\r\n"
        let bytes = Array(text.utf8) + Array(reply.body)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return }
            sent += n
        }
        guard let chunk = reply.endless, !chunk.isEmpty else { return }
        // At most 8 GiB, so that a client that keeps reading still ends the test.
        for _ in 0..<(8 << 30) / chunk.count {
            let n = chunk.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return }
        }
    }
}
