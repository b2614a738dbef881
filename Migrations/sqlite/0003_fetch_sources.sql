-- mstore schema, version 3: where series are fetched from, for `mstore update`.
-- `source`: fred:WRESBAL, fredgraph:WRESBAL, nyfed:sofr or a URL; `all_vintages`: FRED's
-- every real-time period was asked for; `flags`: how a URL's file is read (ingest flags,
-- as a JSON array); `last_fetched`: UTC time of the last fetch that stored its payload.
CREATE TABLE series_fetch (
    series_id     INTEGER PRIMARY KEY REFERENCES series(id) ON DELETE CASCADE,
    source        TEXT NOT NULL,
    all_vintages  INTEGER NOT NULL DEFAULT 0,
    flags         TEXT,
    last_fetched  TEXT NOT NULL
);

-- The URL an ingest run was fetched from (an API key is never recorded).
ALTER TABLE ingest_run ADD COLUMN url TEXT;
