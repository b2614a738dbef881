import Foundation
import MStoreZlib

/// The parts of a zip archive (an `.xlsx`), read from its central directory and unpacked
/// one at a time with zlib: every size and offset checked against the file, inflated bytes
/// counted as they come, the stream required to end within the bytes its entry declares,
/// and the CRC-32 checked.
struct ZipParts {
    struct Item {
        var method: UInt16
        var compressedSize: Int
        var size: Int
        var crc: UInt32
        var localOffset: Int
    }

    enum Failure: Error {
        /// Not a zip archive, or a damaged one (the reason).
        case damaged(String)
        /// The part unpacks to more than the limit.
        case tooLarge
    }

    private let bytes: Data
    private(set) var items: [String: Item] = [:]
    /// The part names in directory order.
    private(set) var names: [String] = []

    init(path: String) throws {
        try self.init(data: Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped))
    }

    init(data: Data) throws {
        bytes = data
        let n = bytes.count
        guard n >= 22 else { throw Failure.damaged("it is too short for a zip archive") }
        // The end-of-central-directory record: within the last 64 KiB + 22 bytes.
        var end = -1
        var i = n - 22
        while i >= max(0, n - 65_557) {
            if u32(i) == 0x0605_4B50 {
                end = i
                break
            }
            i -= 1
        }
        guard end >= 0 else { throw Failure.damaged("it has no zip directory") }
        let count = Int(u16(end + 10))
        var at = Int(u32(end + 16))
        guard at <= end else { throw Failure.damaged("its directory lies outside the file") }
        for _ in 0..<count {
            guard at + 46 <= end, u32(at) == 0x0201_4B50 else { throw Failure.damaged("its directory is damaged") }
            let nameLength = Int(u16(at + 28)), extra = Int(u16(at + 30)), comment = Int(u16(at + 32))
            guard at + 46 + nameLength <= end else { throw Failure.damaged("its directory is damaged") }
            let item = Item(
                method: u16(at + 10), compressedSize: Int(u32(at + 20)), size: Int(u32(at + 24)), crc: u32(at + 16), localOffset: Int(u32(at + 42)))
            let name = String(decoding: bytes[(bytes.startIndex + at + 46)..<(bytes.startIndex + at + 46 + nameLength)], as: UTF8.self)
            if items[name] == nil {
                items[name] = item
                names.append(name)
            }
            at += 46 + nameLength + extra + comment
        }
    }

    private func u16(_ i: Int) -> UInt16 { UInt16(bytes[bytes.startIndex + i]) | UInt16(bytes[bytes.startIndex + i + 1]) << 8 }
    private func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }

    /// The part's bytes, unpacked; `nil` when the archive has no such part.
    func extract(_ name: String, limit: Int) throws -> Data? {
        guard let item = items[name] else { return nil }
        let n = bytes.count
        guard item.size != 0xFFFF_FFFF, item.compressedSize != 0xFFFF_FFFF else { throw Failure.damaged("\(name) is a zip64 entry, which is not read") }
        guard item.size <= limit else { throw Failure.tooLarge }
        let local = item.localOffset
        guard local + 30 <= n, u32(local) == 0x0403_4B50 else { throw Failure.damaged("\(name) has no local header where the directory says") }
        let start = local + 30 + Int(u16(local + 26)) + Int(u16(local + 28))
        guard start <= n, item.compressedSize <= n - start else { throw Failure.damaged("\(name) declares more bytes than the file holds") }
        let input = bytes[(bytes.startIndex + start)..<(bytes.startIndex + start + item.compressedSize)]
        var out: Data
        switch item.method {
        case 0:
            out = Data(input)
        case 8:
            out = try Self.inflate(input, limit: limit, name: name)
        default:
            throw Failure.damaged("\(name) uses zip method \(item.method), which is not read")
        }
        let crc = out.withUnsafeBytes { raw in
            UInt32(crc32(0, raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count)))
        }
        guard crc == item.crc else { throw Failure.damaged("\(name) fails its CRC-32 check") }
        return out
    }

    /// Raw deflate, counting output against `limit`; the stream must end within `input`.
    private static func inflate(_ input: Data, limit: Int, name: String) throws -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure.damaged("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var out = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var copy = [UInt8](input)
        let result: Int32 = copy.withUnsafeMutableBufferPointer { src in
            stream.next_in = src.baseAddress
            stream.avail_in = uInt(src.count)
            while true {
                let status = buffer.withUnsafeMutableBufferPointer { dst -> Int32 in
                    stream.next_out = dst.baseAddress
                    stream.avail_out = uInt(dst.count)
                    return MStoreZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = buffer.count - Int(stream.avail_out)
                if out.count + produced > limit { return -100 }
                out.append(contentsOf: buffer[0..<produced])
                if status == Z_STREAM_END { return Z_STREAM_END }
                // No progress possible: the input ran out before the stream ended, or it is bad.
                if status != Z_OK || (produced == 0 && stream.avail_in == 0) { return status == Z_OK ? Z_BUF_ERROR : status }
            }
        }
        if result == -100 { throw Failure.tooLarge }
        guard result == Z_STREAM_END else { throw Failure.damaged("\(name) cannot be unpacked (its deflate stream is damaged or cut short)") }
        return out
    }
}
