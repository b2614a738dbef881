-- mstore schema, version 2: what publishers say about a series beyond its unit.
-- `multiplier`: the factor the values are published in (1000000 for "millions of dollars",
-- 10^UNIT_MULT in SDMX); values are stored as published. `currency`: ISO code, when given.
ALTER TABLE series ADD COLUMN multiplier REAL;
ALTER TABLE series ADD COLUMN currency TEXT;
