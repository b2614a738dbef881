-- mstore schema, version 4: catalog statistics kept by every ingest, so that the catalog
-- is read without scanning observations: the first and last date and the number of the
-- series' current observations (those whose known_until is NULL).
ALTER TABLE series ADD COLUMN first_date TEXT;
ALTER TABLE series ADD COLUMN last_date TEXT;
ALTER TABLE series ADD COLUMN obs_count INTEGER NOT NULL DEFAULT 0;
UPDATE series SET (first_date, last_date, obs_count) =
    (SELECT min(date), max(date), count(*) FROM observation o WHERE o.series_id = series.id AND o.known_until IS NULL);
