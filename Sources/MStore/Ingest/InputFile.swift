#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file made ready to parse: standard input spooled to a temporary file, UTF-16
/// transcoded to UTF-8. The SHA-256 is of the bytes as given.
struct InputFile {
    /// What to parse (the original, or a temporary copy).
    private(set) var readPath: String
    private(set) var displayName: String
    /// The sheet read from a workbook.
    private(set) var sheet: String?
    /// Size in bytes of the input as given.
    let size: Int
    /// Known when the input had to be copied; otherwise computed later.
    var sha256: String?
    private var temporary: String?
    /// The file as it was when the ingest began (nil for spooled input): compared again
    /// when it has been read, so that a file that changed meanwhile is not stored.
    private(set) var identity: FileIdentity?
    /// For JSON and workbooks: the plan for the CSV they were turned into (JSON names its
    /// fields), or nil to detect the layout of that CSV as of any other.
    var plan: IngestPlan?
    /// A file the ingest also removes (a spooled copy a conversion read from).
    private var alsoRemove: String?

    /// Prepares `path` (spooled, transcoded, or converted from JSON or a workbook).
    static func prepare(path: String, displayName: String?, options: IngestOptions) throws -> InputFile {
        var input = try prepare(path: path, displayName: displayName, spoolLimit: options.maxSpoolBytes)
        do {
            try input.convertPublisherFormats(options: options)
        } catch {
            input.removeTemporary()
            throw error
        }
        return input
    }

    /// JSON (and workbooks) become a temporary CSV; the hash stays that of the original bytes.
    private mutating func convertPublisherFormats(options: IngestOptions) throws {
        let head = try Self.head(of: readPath, count: 4096)
        let json = PublisherJSON.looksLikeJSON(head)
        let workbook = WorkbookReader.looksLikeZip(head)
        // Excel 97–2003 (`.xls`, Robert Shiller's ie_data.xls): an OLE2 compound file.
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw MStoreError.badRecord(
                SourceLocation(file: displayName, line: 1),
                problem: "an Excel 97–2003 workbook (.xls), a binary format mstore does not read: save it as .xlsx or .csv (e.g. soffice --headless --convert-to xlsx FILE)")
        }
        if options.sheet != nil && !workbook {
            throw MStoreError.usage("--sheet is for .xlsx workbooks; \(displayName) is not one")
        }
        guard json || workbook else { return }
        if sha256 == nil { sha256 = try MStore.sha256(ofFile: readPath) }
        let (fd, temp) = try Self.makeTemporary()
        defer { close(fd) }
        do {
            if json {
                plan = try PublisherJSON.convert(path: readPath, displayName: displayName, key: options.key, out: fd, outPath: temp)
            } else {
                let book = try WorkbookReader(path: readPath, displayName: displayName)
                let (sheetName, rows) = try options.sheet.map { try book.sheet(named: $0) } ?? book.defaultSheet()
                var writer = CSVOut(fd: fd, path: temp)
                // One line per sheet row, so that line N is row N.
                for row in rows { try writer.row(row.map { $0.contains(where: \.isNewline) ? String($0.map { $0.isNewline ? " " : $0 }) : $0 }) }
                try writer.flush()
                sheet = sheetName
                displayName += "[\(sheetName)]"
            }
        } catch {
            unlink(temp)
            TemporaryFiles.forget(temp)
            throw error
        }
        if let identity, FileIdentity(path: readPath) != identity {
            unlink(temp)
            TemporaryFiles.forget(temp)
            throw MStoreError.io(path: displayName, message: "the file changed while it was read: nothing of it was stored; ingest it again once it is complete")
        }
        identity = nil
        alsoRemove = temporary
        temporary = temp
        readPath = temp
    }

    static func head(of path: String, count: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw MStoreError.openFailure(path: path, errno: errno) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, count) }
        return Array(bytes.prefix(max(0, n)))
    }

    static var temporaryDirectory: String {
        let dir = getenv("TMPDIR").map { String(cString: $0) } ?? ""
        return dir.isEmpty ? "/tmp" : dir
    }
    nonisolated(unsafe) private static var cleanedStale = false

    /// The most standard input (or a FIFO or device) may spool: 16 GiB (documented).
    static let defaultSpoolLimit = 16 << 30

    /// A new temporary file (removed on Ctrl-C and by `removeTemporary`), named
    /// `mstore-input-PID-…` so that a later run can tell a killed run's leftovers.
    static func makeTemporary() throws -> (Int32, String) {
        let dir = temporaryDirectory
        if !cleanedStale {
            // Spools of earlier runs that were killed (SIGKILL leaves them) go first.
            cleanedStale = true
            removeStaleFiles(in: dir, prefix: "mstore-input-")
        }
        var template = Array((dir + "/mstore-input-\(getpid())-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw MStoreError.io(path: dir, message: "cannot create a temporary file: \(String(cString: strerror(errno)))") }
        let temp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        TemporaryFiles.remember(temp)
        return (fd, temp)
    }

    static func prepare(path: String, displayName: String?, spoolLimit: Int = defaultSpoolLimit) throws -> InputFile {
        if path == "-" {
            let name = displayName ?? "<stdin>"
            let (temp, size, hash) = try spool(from: 0, name: name, limit: spoolLimit)
            return InputFile(readPath: temp, displayName: name, size: size, sha256: hash, temporary: temp)
        }
        let name = displayName ?? path
        var info = stat()
        guard stat(path, &info) == 0 else { throw MStoreError.openFailure(path: path, errno: errno) }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw MStoreError.io(path: path, message: "is a directory, not a file") }
        if (info.st_mode & S_IFMT) != S_IFREG {
            // A FIFO, a device or a socket can be read once only: spool it, as stdin is.
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw MStoreError.openFailure(path: path, errno: errno) }
            defer { close(fd) }
            let (temp, size, hash) = try spool(from: fd, name: name, limit: spoolLimit)
            return InputFile(readPath: temp, displayName: name, size: size, sha256: hash, temporary: temp)
        }
        if try startsWithUTF16BOM(path) {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw MStoreError.openFailure(path: path, errno: errno) }
            defer { close(fd) }
            let (temp, size, hash) = try spool(from: fd, name: name, limit: spoolLimit)
            return InputFile(readPath: temp, displayName: name, size: size, sha256: hash, temporary: temp)
        }
        var input = InputFile(readPath: path, displayName: name, size: Int(info.st_size), sha256: nil, temporary: nil)
        input.identity = FileIdentity(info)
        return input
    }

    /// Throws when the file was changed, truncated or replaced while it was read: what was
    /// read is then neither version, and nothing of it may be stored (exit 74).
    func checkUnchanged(reader: CSVReader) throws {
        guard let identity else { return }
        let now = FileIdentity(path: readPath)
        let read = reader.descriptorIdentity
        guard now == identity, read == identity, reader.bytesRead >= Int(identity.size) else {
            let size = now.map { " (\(identity.size) bytes when the ingest began, \($0.size) now)" } ?? " (it is gone)"
            throw MStoreError.io(path: displayName, message: "the file changed while it was read\(size): nothing of it was stored; ingest it again once it is complete")
        }
    }

    func removeTemporary() {
        for path in [temporary, alsoRemove].compactMap({ $0 }) {
            unlink(path)
            TemporaryFiles.forget(path)
        }
    }

    private static func startsWithUTF16BOM(_ path: String) throws -> Bool {
        let head = try head(of: path, count: 2)
        return head == [0xFF, 0xFE] || head == [0xFE, 0xFF]
    }

    /// Copies `fd` to a temporary file, hashing the original bytes and turning UTF-16 (with a
    /// byte-order mark) into UTF-8.
    private static func spool(from fd: Int32, name: String, limit: Int) throws -> (String, Int, String) {
        let (out, temp) = try makeTemporary()
        defer { close(out) }
        do {
            return try copy(from: fd, to: out, temp: temp, name: name, limit: limit)
        } catch {
            // Nothing of a failed input is left behind.
            unlink(temp)
            TemporaryFiles.forget(temp)
            throw error
        }
    }

    private static func copy(from fd: Int32, to out: Int32, temp: String, name: String, limit: Int) throws -> (String, Int, String) {
        var hasher = SHA256()
        var total = 0
        var utf16: Bool?  // nil until the first bytes are seen; then whether to transcode
        var bigEndian = false
        var carry: [UInt8] = []
        var pendingHigh: UInt16?
        var utf16Offset = 0
        // Text is checked as it arrives: a NUL byte outside UTF-16 and a workbook is binary
        // data (`/dev/zero`), refused at once instead of spooled until the disk is full.
        var binaryAllowed = false
        var lines = 1
        func emit(_ bytes: [UInt8]) throws {
            try bytes.withUnsafeBufferPointer { try writeAll($0, to: out, name: temp) }
        }
        try forEachChunk(of: fd, name: name) { chunk in
            let n = chunk.count
            guard total + n <= limit else {
                throw MStoreError.io(path: name, message: "more than \(limit >> 20) MiB on standard input or a device: mstore spools at most that; save it to a file and ingest the file")
            }
            hasher.update(UnsafeRawBufferPointer(chunk))
            var bytes = carry + Array(chunk)
            carry = []
            if utf16 == nil {
                if bytes.count < 2 && total == 0 {
                    carry = bytes
                    total += n
                    return
                }
                utf16 = (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)
                binaryAllowed = WorkbookReader.looksLikeZip(Array(bytes.prefix(4)))
                if utf16 == true {
                    bigEndian = bytes[0] == 0xFE
                    bytes.removeFirst(2)
                    utf16Offset = 2
                }
            }
            total += n
            guard utf16 == true else {
                if !binaryAllowed {
                    for (i, b) in bytes.enumerated() {
                        if b == 10 { lines += 1 }
                        if b == 0 {
                            throw MStoreError.badRecord(
                                SourceLocation(file: name, line: lines), problem: "a NUL byte at byte offset \(total - bytes.count + i): this is binary data, not a text file")
                        }
                    }
                }
                try emit(bytes)
                return
            }
            if bytes.count % 2 == 1 { carry = [bytes.removeLast()] }
            var utf8: [UInt8] = []
            utf8.reserveCapacity(bytes.count * 2)
            var i = 0
            while i < bytes.count {
                let unit = bigEndian ? UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]) : UInt16(bytes[i + 1]) << 8 | UInt16(bytes[i])
                let at = utf16Offset + i
                i += 2
                if let high = pendingHigh {
                    guard (0xDC00...0xDFFF).contains(unit) else { throw badUTF16(name, at - 2) }
                    guard let scalar = Unicode.Scalar(0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)) else {
                        throw badUTF16(name, at - 2)
                    }
                    utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
                    pendingHigh = nil
                } else if (0xD800...0xDBFF).contains(unit) {
                    pendingHigh = unit
                } else if (0xDC00...0xDFFF).contains(unit) {
                    throw badUTF16(name, at)
                } else if let scalar = Unicode.Scalar(unit) {
                    utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
                }
            }
            utf16Offset += bytes.count
            try emit(utf8)
        }
        if !carry.isEmpty {
            if utf16 == true { throw badUTF16(name, total - 1) }
            if carry.contains(0) { throw MStoreError.badRecord(SourceLocation(file: name, line: 1), problem: "a NUL byte at byte offset 0: this is binary data, not a text file") }
            try emit(carry)
        }
        if pendingHigh != nil { throw badUTF16(name, total - 2) }
        return (temp, total, hasher.finalize())
    }

    private static func badUTF16(_ name: String, _ offset: Int) -> MStoreError {
        .badRecord(SourceLocation(file: name, line: 1), problem: "broken UTF-16 at byte offset \(offset)")
    }
}

/// What identifies a file's content without reading it: device, inode, size and the time
/// of its last change.
struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: timespec
    var changed: timespec

    init(_ s: stat) {
        device = UInt64(s.st_dev)
        inode = UInt64(s.st_ino)
        size = Int64(s.st_size)
        modified = s.st_mtim
        changed = s.st_ctim
    }

    init?(path: String) {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        self.init(s)
    }

    init?(descriptor fd: Int32) {
        var s = stat()
        guard fstat(fd, &s) == 0 else { return nil }
        self.init(s)
    }

    static func == (a: FileIdentity, b: FileIdentity) -> Bool {
        a.device == b.device && a.inode == b.inode && a.size == b.size
            && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
            && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
    }
}
