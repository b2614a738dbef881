-- mstore schema, version 1.
-- Dates are ISO text (YYYY-MM-DD) so the file reads well in any SQLite tool.

-- The series catalog: one row per series key (e.g. WRESBAL, SOFR.P99, MCAP.AAPL).
CREATE TABLE series (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name        TEXT,
    unit        TEXT,
    frequency   TEXT,
    source      TEXT,
    notes       TEXT,
    created_at  TEXT NOT NULL
);

-- key=value tags on a series (universe=SPX, holder=FundA, category=funding).
CREATE TABLE series_tag (
    series_id   INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (series_id, name)
) WITHOUT ROWID;

-- Provenance: one row per file ingested.
CREATE TABLE ingest_run (
    id           INTEGER PRIMARY KEY,
    file_name    TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    layout       TEXT NOT NULL,
    vintage      TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    rows_read    INTEGER NOT NULL DEFAULT 0,
    inserted     INTEGER NOT NULL DEFAULT 0,
    revised      INTEGER NOT NULL DEFAULT 0,
    unchanged    INTEGER NOT NULL DEFAULT 0,
    rejected     INTEGER NOT NULL DEFAULT 0,
    outcome      TEXT NOT NULL
);
CREATE INDEX ingest_run_by_sha256 ON ingest_run(sha256);

-- Bitemporal observations. A row says: the value of series_id on `date` was known to be
-- `value` from `known_from` (the vintage) until the day before `known_until`; NULL
-- `known_until` marks the current value. A revision closes the old row and adds a new one.
CREATE TABLE observation (
    series_id    INTEGER NOT NULL,
    date         TEXT NOT NULL,
    known_from   TEXT NOT NULL,
    ingest_id    INTEGER NOT NULL,
    known_until  TEXT,
    value        REAL NOT NULL,
    line         INTEGER NOT NULL,
    PRIMARY KEY (series_id, date, known_from, ingest_id)
) WITHOUT ROWID;

-- Readable views: current values and the full history, by series key.
CREATE VIEW current_observation AS
    SELECT s.key AS series, o.date, o.value, o.known_from AS vintage
    FROM observation o JOIN series s ON s.id = o.series_id
    WHERE o.known_until IS NULL;

CREATE VIEW observation_history AS
    SELECT s.key AS series, o.date, o.value, o.known_from, o.known_until,
           r.file_name, o.line, o.ingest_id
    FROM observation o
    JOIN series s ON s.id = o.series_id
    JOIN ingest_run r ON r.id = o.ingest_id;

CREATE VIEW series_tags AS
    SELECT s.key AS series, t.name, t.value
    FROM series_tag t JOIN series s ON s.id = t.series_id;
