import Crypto
import Dispatch
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streaming SHA-256, used to recognise a file that was already ingested: swift-crypto's
/// (BoringSSL, which uses the CPU's SHA extensions where it has them: a 27 MB file in about
/// 20 ms here, against about 95 ms for the portable Swift it replaced).
///
/// ```swift
/// var hash = SHA256()
/// hash.update(bytes)
/// let hex = hash.finalize()   // 64 lowercase hex digits
/// ```
struct SHA256 {
    private var inner = Crypto.SHA256()

    init() {}

    mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard buffer.count > 0 else { return }
        inner.update(bufferPointer: buffer)
    }

    mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        Array(bytes).withUnsafeBytes { update($0) }
    }

    /// The digest as lowercase hex.
    mutating func finalize() -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in inner.finalize() {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Hashes chunks on another thread while the caller goes on parsing (the second core).
final class BackgroundHasher: @unchecked Sendable {
    private var hasher = SHA256()
    private let queue = DispatchQueue(label: "mstore.sha256")

    /// Queues a copy of the chunk; chunks are hashed in the order given.
    func update(_ chunk: [UInt8]) {
        queue.async { chunk.withUnsafeBytes { self.hasher.update($0) } }
    }

    /// Waits for the queued chunks and returns the digest.
    func finalize() -> String {
        queue.sync { hasher.finalize() }
    }
}

/// SHA-256 of a whole file, as lowercase hex.
func sha256(ofFile path: String) throws -> String {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw MStoreError.openFailure(path: path, errno: errno) }
    defer { close(fd) }
    var hasher = SHA256()
    try forEachChunk(of: fd, name: path) { hasher.update(UnsafeRawBufferPointer($0)) }
    return hasher.finalize()
}
