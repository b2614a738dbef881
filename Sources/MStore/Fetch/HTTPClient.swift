import Dispatch
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// GETs over HTTP(S) with Foundation's `URLSession` (libcurl on Linux, part of the Swift
/// toolchain: no extra package): a timeout per request, retries with backoff on 429 and 5xx
/// honouring `Retry-After`, and a limit on requests per minute per publisher.
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
    private let session: URLSession

    init(timeout: Double = 30, attempts: Int = 4, backoff: Double = 0.5) {
        self.timeout = timeout
        self.attempts = attempts
        self.backoff = backoff
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = max(timeout * 10, 600)
        configuration.httpAdditionalHeaders = ["User-Agent": "mstore/\(MStoreVersion.current)"]
        session = URLSession(configuration: configuration)
    }

    /// GETs `url`, retrying 429 and 5xx answers; any other status is returned as it is.
    ///
    /// - Parameter shown: the URL as messages show it (API key redacted).
    func get(_ url: URL, shown: String, limiter: RateLimiter? = nil) throws -> Response {
        var attempt = 1
        while true {
            limiter?.waitForSlot()
            let response = try once(url, shown: shown)
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

    private final class Outcome: @unchecked Sendable {
        var data: Data?
        var response: URLResponse?
        var error: Error?
    }

    private func once(_ url: URL, shown: String) throws -> Response {
        var request = URLRequest(url: url)
        request.timeoutInterval = timeout
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            outcome.data = data
            outcome.response = response
            outcome.error = error
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + timeout + 2) == .timedOut {
            task.cancel()
            throw MStoreError.network(url: shown, message: "no answer within \(formatNumber(timeout)) s (--timeout)")
        }
        if let error = outcome.error {
            let code = (error as? URLError)?.code
            if code == .timedOut {
                throw MStoreError.network(url: shown, message: "no answer within \(formatNumber(timeout)) s (--timeout)")
            }
            throw MStoreError.network(url: shown, message: "cannot reach the publisher: \(error.localizedDescription)")
        }
        guard let http = outcome.response as? HTTPURLResponse else {
            throw MStoreError.network(url: shown, message: "the answer is not HTTP")
        }
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields {
            if let k = k as? String, let v = v as? String { headers[k.lowercased()] = v }
        }
        return Response(status: http.statusCode, headers: headers, body: outcome.data ?? Data())
    }

    /// `Retry-After` in seconds (a number, or an HTTP date), capped at two minutes.
    static func retryAfter(_ headers: [String: String]) -> Double? {
        guard let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value), seconds >= 0 { return min(seconds, 120) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return min(max(0, date.timeIntervalSinceNow), 120)
    }

    static func reason(_ status: Int) -> String {
        HTTPURLResponse.localizedString(forStatusCode: status)
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
