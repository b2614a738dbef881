#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// PostgreSQL's client library, loaded when a `postgresql://` store is first opened.
///
/// libpq is opened with `dlopen` rather than linked: a SQLite user's mstore neither needs
/// it installed nor pays for loading it (and the TLS and Kerberos libraries it brings) at
/// every start. With it come libpq's own conventions, which a desk's scripts already rely
/// on: `PGPASSWORD`, `~/.pgpass`, `PGHOST`/`PGUSER`/`PGDATABASE`/…, `PGSERVICE`, `sslmode`.
struct LibPQ: @unchecked Sendable {
    typealias Conn = OpaquePointer
    typealias Result = OpaquePointer

    let connectdb: @convention(c) (UnsafePointer<CChar>) -> Conn?
    let status: @convention(c) (Conn) -> Int32
    let errorMessage: @convention(c) (Conn) -> UnsafePointer<CChar>?
    let finish: @convention(c) (Conn) -> Void
    let exec: @convention(c) (Conn, UnsafePointer<CChar>) -> Result?
    let execParams:
        @convention(c) (
            Conn, UnsafePointer<CChar>, Int32, UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?,
            UnsafePointer<Int32>?, Int32
        ) -> Result?
    let resultStatus: @convention(c) (Result) -> Int32
    let resultErrorField: @convention(c) (Result, Int32) -> UnsafePointer<CChar>?
    let resultErrorMessage: @convention(c) (Result) -> UnsafePointer<CChar>?
    let ntuples: @convention(c) (Result) -> Int32
    let nfields: @convention(c) (Result) -> Int32
    let fname: @convention(c) (Result, Int32) -> UnsafePointer<CChar>?
    let ftype: @convention(c) (Result, Int32) -> UInt32
    let getvalue: @convention(c) (Result, Int32, Int32) -> UnsafePointer<CChar>?
    let getlength: @convention(c) (Result, Int32, Int32) -> Int32
    let getisnull: @convention(c) (Result, Int32, Int32) -> Int32
    let cmdTuples: @convention(c) (Result) -> UnsafePointer<CChar>?
    let clear: @convention(c) (Result) -> Void
    let sendQueryParams:
        @convention(c) (
            Conn, UnsafePointer<CChar>, Int32, UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?,
            UnsafePointer<Int32>?, Int32
        ) -> Int32
    let putCopyData: @convention(c) (Conn, UnsafePointer<CChar>, Int32) -> Int32
    let putCopyEnd: @convention(c) (Conn, UnsafePointer<CChar>?) -> Int32
    let setSingleRowMode: @convention(c) (Conn) -> Int32
    let getResult: @convention(c) (Conn) -> Result?
    let getCancel: @convention(c) (Conn) -> OpaquePointer?
    let cancel: @convention(c) (OpaquePointer, UnsafeMutablePointer<CChar>, Int32) -> Int32
    let freeCancel: @convention(c) (OpaquePointer) -> Void
    let transactionStatus: @convention(c) (Conn) -> Int32
    typealias NoticeProcessor = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void
    let setNoticeProcessor: @convention(c) (Conn, NoticeProcessor?, UnsafeMutableRawPointer?) -> NoticeProcessor?

    // ConnStatusType and ExecStatusType values.
    static let connectionOK: Int32 = 0
    static let commandOK: Int32 = 1
    static let tuplesOK: Int32 = 2
    static let copyIn: Int32 = 4
    static let singleTuple: Int32 = 9
    /// PGTransactionStatusType: no transaction open.
    static let transactionIdle: Int32 = 0
    /// PG_DIAG_SQLSTATE, PG_DIAG_MESSAGE_PRIMARY, PG_DIAG_MESSAGE_DETAIL.
    static let fieldSQLState = Int32(UInt8(ascii: "C"))
    static let fieldPrimary = Int32(UInt8(ascii: "M"))

    /// The library, loaded once; nil with why when it cannot be.
    static let shared: (lib: LibPQ?, problem: String?) = load()

    static func load() -> (lib: LibPQ?, problem: String?) {
        var handle: UnsafeMutableRawPointer?
        for name in ["libpq.so.5", "libpq.so", "libpq.5.dylib", "libpq.dylib"] {
            handle = dlopen(name, RTLD_NOW | RTLD_LOCAL)
            if handle != nil { break }
        }
        guard let handle else {
            return (nil, "PostgreSQL stores need libpq, PostgreSQL's client library (Debian package libpq5)")
        }
        let names = ["PQconnectdb", "PQstatus", "PQerrorMessage", "PQfinish", "PQexec", "PQexecParams", "PQresultStatus", "PQresultErrorField", "PQresultErrorMessage", "PQntuples", "PQnfields", "PQfname", "PQftype", "PQgetvalue", "PQgetlength", "PQgetisnull", "PQcmdTuples", "PQclear", "PQsendQueryParams", "PQputCopyData", "PQputCopyEnd", "PQsetSingleRowMode", "PQgetResult", "PQgetCancel", "PQcancel", "PQfreeCancel", "PQtransactionStatus", "PQsetNoticeProcessor"]
        let missing = names.filter { dlsym(handle, $0) == nil }
        guard missing.isEmpty else {
            dlclose(handle)
            return (nil, "the libpq found lacks \(missing.joined(separator: ", ")): install a current libpq5")
        }
        func f<T>(_ name: String) -> T { unsafeBitCast(dlsym(handle, name)!, to: T.self) }
        let lib = LibPQ(
            connectdb: f("PQconnectdb"),
            status: f("PQstatus"),
            errorMessage: f("PQerrorMessage"),
            finish: f("PQfinish"),
            exec: f("PQexec"),
            execParams: f("PQexecParams"),
            resultStatus: f("PQresultStatus"),
            resultErrorField: f("PQresultErrorField"),
            resultErrorMessage: f("PQresultErrorMessage"),
            ntuples: f("PQntuples"),
            nfields: f("PQnfields"),
            fname: f("PQfname"),
            ftype: f("PQftype"),
            getvalue: f("PQgetvalue"),
            getlength: f("PQgetlength"),
            getisnull: f("PQgetisnull"),
            cmdTuples: f("PQcmdTuples"),
            clear: f("PQclear"),
            sendQueryParams: f("PQsendQueryParams"),
            putCopyData: f("PQputCopyData"),
            putCopyEnd: f("PQputCopyEnd"),
            setSingleRowMode: f("PQsetSingleRowMode"),
            getResult: f("PQgetResult"),
            getCancel: f("PQgetCancel"),
            cancel: f("PQcancel"),
            freeCancel: f("PQfreeCancel"),
            transactionStatus: f("PQtransactionStatus"),
            setNoticeProcessor: f("PQsetNoticeProcessor"))
        return (lib, nil)
    }
}
