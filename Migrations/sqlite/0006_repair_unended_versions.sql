-- mstore schema, version 6: a repair. Before this version, a run that back-filled a value
-- (an earlier vintage placed under a later version) stored every value it inserted after
-- that with the back-fill's end as known_until, so those values were never current.
-- Every version mstore closes has a successor that starts where it ends (the revision, or
-- the later version a back-fill runs up to); a closed version without one is such a
-- value, and is current again.
CREATE TEMP TABLE repaired AS
    SELECT DISTINCT o.series_id FROM observation o
    WHERE o.known_until IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM observation n
                      WHERE n.series_id = o.series_id AND n.date = o.date AND n.known_from = o.known_until);
UPDATE observation SET known_until = NULL
WHERE known_until IS NOT NULL
  AND series_id IN (SELECT series_id FROM repaired)
  AND NOT EXISTS (SELECT 1 FROM observation n
                  WHERE n.series_id = observation.series_id AND n.date = observation.date AND n.known_from = observation.known_until);
-- Their packed snapshots are dropped (reads fall back to the rows until the next ingest of
-- the series stores a new one) and their catalog statistics counted again.
DELETE FROM series_snapshot WHERE series_id IN (SELECT series_id FROM repaired);
UPDATE series SET (first_date, last_date, obs_count) =
    (SELECT min(date), max(date), count(*) FROM observation o WHERE o.series_id = series.id AND o.known_until IS NULL)
WHERE id IN (SELECT series_id FROM repaired);
DROP TABLE repaired;
