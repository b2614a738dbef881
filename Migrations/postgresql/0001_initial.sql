-- mstore schema on PostgreSQL, version 1: the SQLite schema of Migrations/sqlite/ 0001–0007
-- as one, in PostgreSQL's types. Dates are `date` (shown as YYYY-MM-DD), values
-- `double precision`; keys match case-insensitively through an index on lower(key).
-- Current values are read through the primary key (series, date, …), skipping closed
-- versions, instead of SQLite's packed snapshots: a partial index on the current rows
-- doubled the time of a bulk ingest and made reading 10,000 values no faster.

-- The series catalog: one row per series key (e.g. WRESBAL, SOFR.P99, MCAP.AAPL), with
-- the statistics every ingest keeps (first and last current date, count).
CREATE TABLE series (
    id          bigserial PRIMARY KEY,
    key         text NOT NULL,
    name        text,
    unit        text,
    frequency   text,
    source      text,
    notes       text,
    created_at  text NOT NULL,
    multiplier  double precision,
    currency    text,
    first_date  date,
    last_date   date,
    obs_count   bigint NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX series_by_key ON series (lower(key));

-- key=value tags on a series (universe=SPX, holder=FundA, category=funding).
CREATE TABLE series_tag (
    series_id   bigint NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    name        text NOT NULL,
    value       text NOT NULL,
    PRIMARY KEY (series_id, name)
);
CREATE INDEX series_tag_by_value ON series_tag (name, value);

-- Provenance: one row per file ingested (`url`: where it was fetched from, no API key).
CREATE TABLE ingest_run (
    id           bigserial PRIMARY KEY,
    file_name    text NOT NULL,
    sha256       text NOT NULL,
    size_bytes   bigint NOT NULL,
    layout       text NOT NULL,
    vintage      date NOT NULL,
    started_at   text NOT NULL,
    finished_at  text,
    rows_read    bigint NOT NULL DEFAULT 0,
    inserted     bigint NOT NULL DEFAULT 0,
    revised      bigint NOT NULL DEFAULT 0,
    unchanged    bigint NOT NULL DEFAULT 0,
    rejected     bigint NOT NULL DEFAULT 0,
    outcome      text NOT NULL,
    url          text
);
CREATE INDEX ingest_run_by_sha256 ON ingest_run (sha256);
CREATE INDEX ingest_run_by_size ON ingest_run (size_bytes);

-- Bitemporal observations. A row says: the value of series_id on `date` was known to be
-- `value` from `known_from` (the vintage) until the day before `known_until`; NULL
-- `known_until` marks the current value. A revision closes the old row and adds a new one.
CREATE TABLE observation (
    series_id    bigint NOT NULL,
    date         date NOT NULL,
    known_from   date NOT NULL,
    ingest_id    bigint NOT NULL,
    known_until  date,
    value        double precision NOT NULL,
    line         bigint NOT NULL,
    PRIMARY KEY (series_id, date, known_from, ingest_id)
);

-- Where series are fetched from, for `mstore update` (see Migrations/sqlite/0003).
CREATE TABLE series_fetch (
    series_id     bigint PRIMARY KEY REFERENCES series(id) ON DELETE CASCADE,
    source        text NOT NULL,
    all_vintages  boolean NOT NULL DEFAULT false,
    flags         text,
    last_fetched  text NOT NULL
);

-- Which dates of a series each run gave, at its vintage (see Migrations/sqlite/0007).
CREATE TABLE series_coverage (
    series_id   bigint NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    ingest_id   bigint NOT NULL,
    vintage     date NOT NULL,
    first_date  date NOT NULL,
    last_date   date NOT NULL,
    PRIMARY KEY (series_id, ingest_id)
);
CREATE INDEX series_coverage_by_vintage ON series_coverage (series_id, vintage);

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
