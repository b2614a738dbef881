-- mstore schema, version 5: a packed copy of each series' current values, rebuilt by every
-- ingest inside its own transaction, for the reads of current values (show, export,
-- queries, cross-sections): one row per series instead of one per observation. The
-- bitemporal observation table stays the truth and serves --as-of.
-- `dates`: day numbers (days since 1970-01-01) as little-endian 32-bit integers, ascending;
-- `vals`: the values as little-endian 64-bit floats, one per date.
CREATE TABLE series_snapshot (
    series_id  INTEGER PRIMARY KEY REFERENCES series(id) ON DELETE CASCADE,
    count      INTEGER NOT NULL,
    dates      BLOB NOT NULL,
    vals       BLOB NOT NULL
);
