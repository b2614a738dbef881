internal import GRDB

/// SQLite's errors as mstore's, mapped at the library boundary in one place.
extension MStoreError {
    /// A refusal of the store file at `path` (locked, read-only, full, corrupt): an I/O error,
    /// `context` (what was being done) first.
    static func store(_ error: DatabaseError, path: String, _ context: String? = nil) -> MStoreError {
        .io(path: path, message: (context.map { $0 + ": " } ?? "") + (error.message ?? "\(error)"))
    }

    /// SQL the user typed that SQLite rejects.
    static func sql(_ error: DatabaseError) -> MStoreError {
        .badSQL(error.message ?? "\(error)")
    }
}
