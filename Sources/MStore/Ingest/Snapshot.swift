/// A series' current values as an ingest knows them: day numbers and values, ascending.
/// The SQLite engine stores it packed (`series_snapshot`) for the reads of current values;
/// every engine takes the catalog's first, last and count from it.
struct Snapshot {
    var dates: [Int32]
    var values: [Double]
}
