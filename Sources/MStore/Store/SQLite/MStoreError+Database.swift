internal import GRDB

/// SQLite's errors as mstore's, mapped at the library boundary in one place.
extension MStoreError {
    /// A refusal of the store file at `path` (locked, read-only, full, corrupt): an I/O error,
    /// `context` (what was being done) first.
    static func store(_ error: DatabaseError, path: String, _ context: String? = nil) -> MStoreError {
        let reason = error.resultCode == .SQLITE_BUSY
            ? "another writer kept the store locked longer than the wait (--wait SECONDS raises it)" : (error.message ?? "\(error)")
        return .io(path: path, message: (context.map { $0 + ": " } ?? "") + reason)
    }

    /// SQL the user typed that SQLite rejects.
    static func sql(_ error: DatabaseError) -> MStoreError {
        .badSQL(error.message ?? "\(error)")
    }
}
