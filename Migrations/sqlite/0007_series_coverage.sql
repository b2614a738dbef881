-- mstore schema, version 7: which dates of a series each run gave, at its vintage. A
-- download that repeats a stored value writes no row, yet it is evidence: the value was
-- still the known one on its vintage. A download with an earlier vintage ingested later
-- (a back-fill) must not override it, so its revision ends where such a run begins and
-- the confirmed value is known again from there (a version with that run's id and line 0:
-- the run confirmed it; lines of unchanged values are not recorded).
-- `first_date`..`last_date`: the span of dates the run gave for the series (a run is taken
-- to cover every date in between).
CREATE TABLE series_coverage (
    series_id   INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    ingest_id   INTEGER NOT NULL,
    vintage     TEXT NOT NULL,
    first_date  TEXT NOT NULL,
    last_date   TEXT NOT NULL,
    PRIMARY KEY (series_id, ingest_id)
) WITHOUT ROWID;
CREATE INDEX series_coverage_by_vintage ON series_coverage(series_id, vintage);
-- What earlier runs left in the rows: the dates each wrote at its own vintage.
INSERT INTO series_coverage (series_id, ingest_id, vintage, first_date, last_date)
    SELECT o.series_id, o.ingest_id, r.vintage, min(o.date), max(o.date)
    FROM observation o JOIN ingest_run r ON r.id = o.ingest_id
    WHERE o.known_from = r.vintage
    GROUP BY o.series_id, o.ingest_id;
