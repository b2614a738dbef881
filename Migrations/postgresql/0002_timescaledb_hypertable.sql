-- Guarded: when the database has the TimescaleDB extension (CREATE EXTENSION timescaledb,
-- run by its owner before the store is created or upgraded), `observation` becomes a
-- hypertable partitioned on `date` in chunks of five years, so that each chunk's B-tree
-- stays small as a store grows past hundreds of millions of versions. The primary key
-- (series_id, date, known_from, ingest_id) holds the partitioning column, as TimescaleDB
-- requires; existing rows move into chunks. Without the extension this does nothing.
-- (The tests run on Debian's PostgreSQL, which has no TimescaleDB package: only the
-- path without the extension is exercised there.)
DO $mstore$
DECLARE
    extension_schema text;
BEGIN
    SELECT n.nspname INTO extension_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'timescaledb';
    IF extension_schema IS NOT NULL THEN
        EXECUTE format(
            'SELECT %I.create_hypertable(%L::regclass, %L, chunk_time_interval => interval %L, migrate_data => true)',
            extension_schema, 'observation', 'date', '5 years');
    END IF;
END
$mstore$;
