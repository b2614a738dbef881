import Dispatch
import Foundation


/// GETs over HTTP(S): each request by the `mstore-http` helper (Foundation's URLSession,
/// libcurl on Linux, part of the toolchain: no extra package, and not loaded by mstore
/// itself), with a timeout per request, retries with backoff on 429 and 5xx honouring
/// `Retry-After`, and a limit on requests per minute per publisher.
final class HTTPClient: @unchecked Sendable {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: Data
    }

    /// Seconds without an answer before a request fails.
    let timeout: Double
    /// Tries per request when the publisher answers 429 or 5xx.
    let attempts: Int
    /// The first backoff; it doubles with each retry unless `Retry-After` says otherwise.
    let backoff: Double
    /// Called before each retry with what happened and the wait in seconds.
    var onRetry: ((String, Double) -> Void)?

    init(timeout: Double = 30, attempts: Int = 4, backoff: Double = 0.5) {
        self.timeout = timeout
        self.attempts = attempts
        self.backoff = backoff
    }

    /// GETs `url`, retrying 429 and 5xx answers; any other status is returned as it is.
    ///
    /// - Parameters:
    ///   - shown: the URL as messages show it (API key redacted).
    ///   - maxBytes: the most body bytes (inflated) taken; a longer answer fails.
    ///   - sink: when given, a 200 answer's body goes to it as it arrives instead of into
    ///     the response (other answers are kept, at most 64 KiB, for their message).
    func get(
        _ url: URL, shown: String, limiter: RateLimiter? = nil, maxBytes: Int = HTTPClient.defaultMaxBytes,
        sink: ((UnsafeRawBufferPointer) throws -> Void)? = nil
    ) throws -> Response {
        var attempt = 1
        while true {
            limiter?.waitForSlot()
            let response = try once(url, shown: shown, maxBytes: maxBytes, sink: sink)
            let retryable = response.status == 429 || (500...599).contains(response.status)
            guard retryable, attempt < attempts else {
                if retryable {
                    throw MStoreError.network(url: shown, message: "the publisher answered \(response.status) \(Self.reason(response.status)) \(attempts) times; try again later")
                }
                return response
            }
            let wait = Self.retryAfter(response.headers) ?? backoff * Double(1 << (attempt - 1))
            onRetry?("\(response.status) \(Self.reason(response.status))", wait)
            Thread.sleep(forTimeInterval: wait)
            attempt += 1
        }
    }

    /// 512 MiB: the largest answer taken unless `--max-response` says otherwise.
    static let defaultMaxBytes = 512 << 20

    static func tooLarge(_ shown: String, _ maxBytes: Int) -> MStoreError {
        .network(url: shown, message: "the answer is larger than \(formatNumber(Double(maxBytes) / 1_048_576)) MB (--max-response); nothing of it was stored")
    }

    /// One GET through the `mstore-http` helper (the URL on its standard input, so that a
    /// key never shows in the process list). Its output is read as it comes: the head, then
    /// the body, counted against `maxBytes`; a helper silent for longer than its own timeout
    /// is stopped.
    private func once(_ url: URL, shown: String, maxBytes: Int, sink: ((UnsafeRawBufferPointer) throws -> Void)?) throws -> Response {
        guard let helper = Self.helperPath() else {
            throw MStoreError.io(
                path: "mstore-http", message: "fetching needs the mstore-http program beside mstore (swift build builds both; or set MSTORE_HTTP_HELPER)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: helper)
        process.arguments = ["--timeout", String(timeout), "--max-bytes", String(maxBytes)]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw MStoreError.io(path: helper, message: "cannot start it: \(error.localizedDescription)")
        }
        input.fileHandleForWriting.write(Data(url.absoluteString.utf8))
        try? input.fileHandleForWriting.close()
        let stderrBox = Outcome()
        let reader = Thread { stderrBox.data = errors.fileHandleForReading.readDataToEndOfFile().prefix(4096) }
        reader.start()
        var stopped = false
        func stop() {
            if process.isRunning { process.terminate() }
            stopped = true
        }
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            while !reader.isFinished { usleep(1000) }
        }

        let fd = output.fileHandleForReading.fileDescriptor
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var head = [UInt8]()
        var headDone = false
        var status = 0
        var headers: [String: String] = [:]
        var body = Data()
        var received = 0
        var failure: Error?
        // The helper gives up after `timeout` s without a byte; this guards against a stuck one.
        let idle = Int32(min((timeout + 10) * 1000, Double(Int32.max)))
        reading: while true {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, idle)
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 {
                stop()
                throw MStoreError.network(url: shown, message: "no answer within \(formatNumber(timeout)) s (--timeout)")
            }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            var chunk = buffer[0..<n]
            if !headDone {
                head.append(contentsOf: chunk)
                guard let end = Self.endOfHead(head) else {
                    if head.count > 1 << 20 { stop(); throw MStoreError.network(url: shown, message: "the answer is not HTTP") }
                    continue
                }
                headDone = true
                let lines = String(decoding: head[0..<end], as: UTF8.self).split(separator: "\n")
                guard let first = lines.first, first.hasPrefix("STATUS "), let code = Int(first.dropFirst(7)) else {
                    stop()
                    throw MStoreError.network(url: shown, message: "the answer is not HTTP")
                }
                status = code
                for line in lines.dropFirst() {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                chunk = head[(end + 2)...]
                head = []
            }
            received += chunk.count
            if received > maxBytes {
                stop()
                throw Self.tooLarge(shown, maxBytes)
            }
            if status == 200, let sink {
                do { try chunk.withUnsafeBytes(sink) } catch {
                    failure = error
                    stop()
                    break reading
                }
            } else if status == 200 || body.count < 1 << 16 {
                body.append(contentsOf: chunk)
            }
        }
        process.waitUntilExit()
        if let failure { throw failure }
        while !reader.isFinished { usleep(1000) }
        let message = String(decoding: stderrBox.data ?? Data(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        switch process.terminationStatus {
        case 0: break
        case 2: throw MStoreError.network(url: shown, message: "no answer within \(formatNumber(timeout)) s (--timeout)")
        case 4: throw Self.tooLarge(shown, maxBytes)
        default:
            if stopped { throw MStoreError.network(url: shown, message: "the request was stopped") }
            throw MStoreError.network(url: shown, message: "cannot reach the publisher: \(HTTPClient.redacted(message.isEmpty ? "the request failed" : message))")
        }
        guard headDone else { throw MStoreError.network(url: shown, message: "the answer is not HTTP") }
        return Response(status: status, headers: headers, body: body)
    }

    /// The index of the blank line ending the helper's head ("\n\n"), if it has come.
    private static func endOfHead(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        for i in 0..<(bytes.count - 1) where bytes[i] == 10 && bytes[i + 1] == 10 { return i }
        return nil
    }

    private final class Outcome: @unchecked Sendable {
        var data: Data?
    }

    /// `mstore-http`: `MSTORE_HTTP_HELPER`, else beside the running program, else on PATH.
    static func helperPath() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["MSTORE_HTTP_HELPER"], !path.isEmpty { return path }
        var candidates: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("mstore-http").path)
        }
        if let first = CommandLine.arguments.first, first.contains("/") {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent("mstore-http").path)
        }
        for dir in (environment["PATH"] ?? "").split(separator: ":") { candidates.append(String(dir) + "/mstore-http") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `Retry-After` in seconds (a number, or an HTTP date), capped at two minutes.
    static func retryAfter(_ headers: [String: String]) -> Double? {
        guard let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value), seconds >= 0 { return min(seconds, 120) }
        // An HTTP date is short printable ASCII; anything else never reaches DateFormatter,
        // which crashed on a fuzzed value.
        guard value.utf8.count <= 40, value.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return min(max(0, date.timeIntervalSinceNow), 120)
    }

    static func reason(_ status: Int) -> String {
        let phrases = [
            200: "OK", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 400: "Bad Request", 401: "Unauthorized",
            403: "Forbidden", 404: "Not Found", 408: "Request Timeout", 410: "Gone", 429: "Too Many Requests",
            500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
        ]
        return phrases[status] ?? (status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "")
    }

    /// `api_key=…` in a URL replaced by `api_key=REDACTED`.
    static func redacted(_ url: String) -> String {
        guard let range = url.range(of: "api_key=") else { return url }
        let rest = url[range.upperBound...]
        let end = rest.firstIndex(of: "&") ?? url.endIndex
        return String(url[..<range.upperBound]) + "REDACTED" + String(url[end...])
    }
}

/// At most `limit` requests in any `window` seconds (FRED: 120 a minute).
final class RateLimiter: @unchecked Sendable {
    let limit: Int
    let window: Double
    private var sent: [Double] = []
    private let now: () -> Double
    private let sleep: (Double) -> Void

    init(limit: Int, window: Double = 60, now: @escaping () -> Double = monotonicSeconds, sleep: @escaping (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.limit = limit
        self.window = window
        self.now = now
        self.sleep = sleep
    }

    /// Waits until one more request keeps to the limit, and counts it.
    func waitForSlot() {
        var t = now()
        sent.removeAll { $0 <= t - window }
        if sent.count >= limit, let oldest = sent.first {
            sleep(oldest + window - t)
            t = now()
            sent.removeAll { $0 <= t - window }
        }
        sent.append(t)
    }
}
