#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads `fd` to its end in 1 MiB chunks, retrying interrupted reads.
func forEachChunk(of fd: Int32, name: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
    let size = 1 << 20
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
    defer { buffer.deallocate() }
    while true {
        let n = read(fd, buffer, size)
        if n < 0 {
            if errno == EINTR { continue }
            throw MStoreError.io(path: name, message: "read failed: \(String(cString: strerror(errno)))")
        }
        if n == 0 { return }
        try body(UnsafeBufferPointer(start: buffer, count: n))
    }
}

/// Writes all of `bytes` to `fd`, retrying interrupted and partial writes.
func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to fd: Int32, name: String) throws {
    guard let base = bytes.baseAddress else { return }
    var offset = 0
    while offset < bytes.count {
        let n = write(fd, base + offset, bytes.count - offset)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { throw MStoreError.io(path: name, message: "cannot write: \(String(cString: strerror(errno)))") }
        offset += n
    }
}
