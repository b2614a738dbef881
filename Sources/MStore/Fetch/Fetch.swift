import Foundation


/// A place series are fetched from: `fred:WRESBAL` (FRED API, needs a key),
/// `fredgraph:WRESBAL` (FRED's graph CSV, no key), `nyfed:sofr` (New York Fed Markets API:
/// sofr, effr, obfr, tgcr, bgcr, rrp) or an `http(s)://` URL of a file mstore reads.
public struct FetchSource: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The kinds of source.
    public enum Kind: String, Sendable {
        case fred, fredgraph, nyfed, url
    }

    /// Which publisher interface.
    public var kind: Kind
    /// The series id, rate name or URL.
    public var id: String

    /// The New York Fed rates and where the Markets API keeps them.
    static let nyfedRates: [String: String] = ["sofr": "secured", "tgcr": "secured", "bgcr": "secured", "effr": "unsecured", "obfr": "unsecured"]

    /// Reads `fred:ID`, `fredgraph:ID`, `nyfed:NAME` or a URL.
    ///
    /// - Throws: ``MStoreError/usage(_:)`` naming what is accepted.
    public init(_ text: String) throws {
        let lower = text.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            guard URL(string: text) != nil else { throw MStoreError.usage("\(text): not a valid URL") }
            kind = .url
            id = text
            return
        }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = Kind(rawValue: parts[0].lowercased()), kind != .url, !parts[1].isEmpty else {
            throw MStoreError.usage("\(text): expected fred:ID, fredgraph:ID, nyfed:RATE (sofr, effr, obfr, tgcr, bgcr, rrp) or an http(s) URL")
        }
        self.kind = kind
        id = kind == .nyfed ? parts[1].lowercased() : parts[1].uppercased()
        if kind == .nyfed, id != "rrp", Self.nyfedRates[id] == nil {
            throw MStoreError.usage("\(text): the New York Fed rates are sofr, effr, obfr, tgcr, bgcr and rrp (reverse repo operations)")
        }
        if kind != .nyfed, !id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) {
            throw MStoreError.usage("\(text): a FRED series id is letters, digits, _ and .")
        }
    }

    /// `fred:WRESBAL`, `nyfed:sofr`, or the URL.
    public var description: String { kind == .url ? id : "\(kind.rawValue):\(id)" }
}

/// Where the publishers are: their public addresses, or others from the environment
/// (`MSTORE_FRED_URL`, `MSTORE_FRED_GRAPH_URL`, `MSTORE_NYFED_URL`) for mirrors, proxies and tests.
public struct FetchEndpoints: Sendable {
    /// FRED's API.
    public var fred: String
    /// FRED's graph downloads.
    public var fredGraph: String
    /// The New York Fed Markets API.
    public var nyfed: String

    /// The addresses from `environment`, defaulting to the publishers'.
    public init(environment: [String: String]) {
        func base(_ name: String, _ fallback: String) -> String {
            var v = environment[name].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
            while v.hasSuffix("/") { v.removeLast() }
            return v
        }
        fred = base("MSTORE_FRED_URL", "https://api.stlouisfed.org")
        fredGraph = base("MSTORE_FRED_GRAPH_URL", "https://fred.stlouisfed.org")
        nyfed = base("MSTORE_NYFED_URL", "https://markets.newyorkfed.org")
    }
}

/// How to fetch.
public struct FetchOptions: Sendable {
    /// FRED's API key (from `FRED_API_KEY` or mstore.toml); never stored or shown.
    public var apiKey: String?
    /// FRED: ask for every real-time period, storing each version as known from its start.
    public var allVintages = false
    /// Only observations from this day on (an update's window); everything when nil.
    public var since: Day?
    /// FRED with all vintages: only versions known on or after this day.
    public var realtimeSince: Day?
    /// Seconds to wait for an answer.
    public var timeout: Double = 30
    /// Tries per request on 429 and 5xx answers.
    public var attempts = 4
    /// The first wait between tries, doubling (unless the publisher says `Retry-After`).
    public var backoff = 0.5
    /// How to ingest the payload (vintage, dry run, tags, and for URLs the layout flags).
    public var ingest = IngestOptions()
    /// For URL sources: the layout flags as a JSON array, remembered for `mstore update`.
    public var flags: String?
    /// The most bytes (inflated) taken from a publisher for one source, all pages together:
    /// a longer answer fails and nothing of it is stored. 512 MiB unless set.
    public var maxResponseBytes = HTTPClient.defaultMaxBytes
    /// Told about each retry: (source, what happened, seconds to wait).
    public var onRetry: (@Sendable (String, String, Double) -> Void)?

    /// Defaults: 30 s timeout, 4 tries, current values only.
    public init() {}
}

/// One client and one request budget for a whole command (FRED allows 120 requests a minute).
public final class Fetcher: @unchecked Sendable {
    let endpoints: FetchEndpoints
    let fredLimiter = RateLimiter(limit: 120)
    let nyfedLimiter = RateLimiter(limit: 120)

    /// A fetcher for these endpoints.
    public init(endpoints: FetchEndpoints) {
        self.endpoints = endpoints
    }

    /// Downloads `source` into a temporary file (several answers one after another for
    /// FRED's metadata and pages) and returns its path and the first data URL, redacted.
    /// FRED's key is taken out of everything it answers before it is written, and out of
    /// every message.
    func download(_ source: FetchSource, options: FetchOptions) throws -> (path: String, url: String) {
        let client = HTTPClient(timeout: options.timeout, attempts: options.attempts, backoff: options.backoff)
        client.onRetry = { what, wait in options.onRetry?(source.description, what, wait) }
        let (fd, path) = try InputFile.makeTemporary()
        defer { close(fd) }
        do {
            let sink: (UnsafeRawBufferPointer) throws -> Void = { raw in
                try writeAll(raw.bindMemory(to: UInt8.self), to: fd, name: path)
            }
            let shown = try write(source, options: options, client: client, sink)
            return (path, shown)
        } catch {
            unlink(path)
            TemporaryFiles.forget(path)
            if let key = options.apiKey, !key.isEmpty, let error = error as? MStoreError { throw error.redacting(key) }
            throw error
        }
    }

    private func write(
        _ source: FetchSource, options: FetchOptions, client: HTTPClient, _ sink: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) throws -> String {
        func emit(_ data: Data) throws { try data.withUnsafeBytes(sink) }
        let cap = options.maxResponseBytes
        switch source.kind {
        case .fred:
            guard let key = options.apiKey, !key.isEmpty else {
                throw MStoreError.usage(
                    "\(source): FRED's API needs a key: set FRED_API_KEY (or api_key under [fred] in mstore.toml); fredgraph:\(source.id) needs none")
            }
            var used = 0
            var query = ["series_id": source.id, "api_key": key, "file_type": "json"]
            let meta = try get(endpoints.fred + "/fred/series", query, client: client, limiter: fredLimiter, fredErrors: true, maxBytes: cap)
            used += meta.body.count
            try emit(Self.removing(key, from: meta.body) + Data("\n".utf8))
            query["limit"] = "100000"
            if options.allVintages {
                query["realtime_start"] = options.realtimeSince?.description ?? "1776-07-04"
                query["realtime_end"] = "9999-12-31"
            }
            if let since = options.since { query["observation_start"] = since.description }
            var offset = 0
            var first: String?
            var pages = 0
            var previous = Data()
            while true {
                query["offset"] = String(offset)
                let page = try get(
                    endpoints.fred + "/fred/series/observations", query, client: client, limiter: fredLimiter, fredErrors: true, maxBytes: cap - used)
                used += page.body.count
                pages += 1
                first = first ?? page.shown
                // Pages: FRED answers count, offset and limit; a malformed page stops here and
                // the ingest names what is wrong with it.
                guard let object = try? JSONSerialization.jsonObject(with: page.body) as? [String: Any],
                    let count = (object["count"] as? NSNumber)?.intValue, let limit = (object["limit"] as? NSNumber)?.intValue,
                    let at = (object["offset"] as? NSNumber)?.intValue, limit > 0
                else {
                    try emit(Self.removing(key, from: page.body) + Data("\n".utf8))
                    break
                }
                // A page must be the one asked for and bring something new, or the paging
                // would never end (or end early without saying so).
                let observations = (object["observations"] as? [Any])?.count ?? 0
                if at != offset || page.body == previous || (at < count && observations == 0) || pages > count / limit + 2 {
                    throw MStoreError.network(
                        url: page.shown,
                        message: "FRED's pages do not advance (asked for offset \(offset), answered offset \(at) with \(observations) observations of \(count)); nothing of it was stored")
                }
                try emit(Self.removing(key, from: page.body) + Data("\n".utf8))
                guard at + limit < count else { break }
                previous = page.body
                offset = at + limit
            }
            return first ?? ""
        case .fredgraph:
            var query = ["id": source.id]
            if let since = options.since { query["cosd"] = since.description }
            return try get(endpoints.fredGraph + "/graph/fredgraph.csv", query, client: client, limiter: nil, maxBytes: cap, sink: sink).shown
        case .nyfed:
            let start = (options.since ?? Day(year: 2000, month: 1, day: 1)!).description
            let end = Day.today.description
            let path = source.id == "rrp"
                ? "/api/rp/reverserepo/propositions/search.json"
                : "/api/rates/\(Self.nyfedGroup(source.id))/\(source.id)/search.json"
            return try get(endpoints.nyfed + path, ["startDate": start, "endDate": end], client: client, limiter: nyfedLimiter, maxBytes: cap, sink: sink).shown
        case .url:
            guard let url = URL(string: source.id) else { throw MStoreError.usage("\(source.id): not a valid URL") }
            let response = try client.get(url, shown: source.id, maxBytes: cap, sink: sink)
            guard response.status == 200 else { throw Self.statusError(response, shown: source.id) }
            return source.id
        }
    }

    /// `data` with every occurrence of `secret` replaced by `REDACTED`.
    static func removing(_ secret: String, from data: Data) -> Data {
        let needle = Data(secret.utf8)
        guard !needle.isEmpty, data.range(of: needle) != nil else { return data }
        var out = Data()
        var rest = data[...]
        while let range = rest.range(of: needle) {
            out.append(rest[rest.startIndex..<range.lowerBound])
            out.append(Data("REDACTED".utf8))
            rest = rest[range.upperBound...]
        }
        out.append(rest)
        return out
    }

    static func nyfedGroup(_ rate: String) -> String { FetchSource.nyfedRates[rate] ?? "secured" }

    private struct Page {
        var body: Data
        var shown: String
    }

    private func get(
        _ base: String, _ query: [String: String], client: HTTPClient, limiter: RateLimiter?, fredErrors: Bool = false,
        maxBytes: Int, sink: ((UnsafeRawBufferPointer) throws -> Void)? = nil
    ) throws -> Page {
        var components = URLComponents(string: base)
        components?.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        guard let url = components?.url else { throw MStoreError.usage("\(base): not a valid URL") }
        let shown = HTTPClient.redacted(url.absoluteString)
        let response = try client.get(url, shown: shown, limiter: limiter, maxBytes: maxBytes, sink: sink)
        guard response.status == 200 else {
            if fredErrors, let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
                let message = object["error_message"] as? String
            {
                throw MStoreError.publisher(url: shown, message: HTTPClient.redacted(message))
            }
            throw Self.statusError(response, shown: shown)
        }
        return Page(body: response.body, shown: shown)
    }

    static func statusError(_ response: HTTPClient.Response, shown: String) -> MStoreError {
        let text = String(decoding: response.body.prefix(300), as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " ")
        return .publisher(url: shown, message: "HTTP \(response.status) \(HTTPClient.reason(response.status))" + (text.isEmpty ? "" : ": \(text)"))
    }
}

extension Store {
    /// Fetches `source` and ingests the payload as one file: the same checks, the same
    /// all-or-nothing transaction and provenance (`ingest_run` records the source, the URL
    /// with any API key redacted, and the payload's SHA-256). Each series it stores
    /// remembers the source for ``update(_:fetcher:options:)``.
    ///
    /// ```swift
    /// var options = FetchOptions()
    /// options.apiKey = ProcessInfo.processInfo.environment["FRED_API_KEY"]
    /// let report = try store.fetch(try FetchSource("fred:WRESBAL"), fetcher: Fetcher(endpoints: FetchEndpoints(environment: [:])), options: options)
    /// ```
    public func fetch(_ source: FetchSource, fetcher: Fetcher, options: FetchOptions) throws -> IngestReport {
        let (path, url) = try fetcher.download(source, options: options)
        defer {
            unlink(path)
            TemporaryFiles.forget(path)
        }
        var ingest = options.ingest
        ingest.displayName = source.description
        if source.kind == .fred { ingest.key = source.id }
        ingest.fetched = FetchRecord(source: source.description, url: url, allVintages: options.allVintages, flags: options.flags)
        do {
            return try self.ingest(path: path, options: ingest)
        } catch let error as MStoreError {
            throw options.apiKey.map { error.redacting($0) } ?? error
        }
    }
}
