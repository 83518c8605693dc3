-- Locator cache (spec 4.3) as one row per block: its txids packed end to end, 32 internal-order bytes each. Each
-- silo keeps the listed blocks' transactions in memory (RecentBlockMemory), so add_appointment reads only the list
-- of cached blocks, with its first round trip, and adding a block writes one row instead of 8,000 (46-79 ms of a
-- 4,000-transaction block at 10^5 appointments), and evicting one deletes one.
-- The rust-teos rows carry every cached txid whole: the locator is its first 16 internal bytes, rest the last 16.
ALTER TABLE recent_blocks ADD COLUMN txids bytea NOT NULL DEFAULT ''::bytea;
-- Txids do not compress; store them out of line without trying.
ALTER TABLE recent_blocks ALTER COLUMN txids SET STORAGE EXTERNAL;

UPDATE recent_blocks b SET txids = COALESCE(
    (SELECT string_agg(l.locator || l.rest, ''::bytea ORDER BY l.locator)
     FROM recent_locators l WHERE l.height = b.height AND l.profile = 0),
    ''::bytea);

ALTER TABLE recent_blocks ALTER COLUMN txids DROP DEFAULT;

DROP TABLE recent_locators;
