-- Locator cache (spec 4.3) keyed by height first, as SQLite's migration 0002 does: a block's rows are one sorted,
-- contiguous run of a single index, appended when the block is added and deleted as a range when it leaves the
-- cache. The previous layout inserted every transaction into three random-order indexes (key, rust locator,
-- python locator) and checked a foreign key per row: 98-175 ms of a 4,000-transaction block at 10^5
-- appointments. A lookup now probes (height, locator, profile) once per cached block.
-- One row per locator a cached transaction can be watched under. rest holds the txid's other 16 internal-order
-- bytes: a rust-teos locator is the txid's first 16 internal bytes, a python-teos one its last 16 reversed.
CREATE TABLE recent_locators (
    height  bigint   NOT NULL,
    locator bytea    NOT NULL,
    profile smallint NOT NULL,
    rest    bytea    NOT NULL,
    PRIMARY KEY (height, locator, profile)
);

INSERT INTO recent_locators (height, locator, profile, rest)
SELECT b.height, r.rust_locator, 0, substring(r.txid FROM 17 FOR 16)
FROM recent_transactions r JOIN recent_blocks b ON b.block_hash = r.block_hash
UNION ALL
SELECT b.height, r.python_locator, 1, substring(r.txid FROM 1 FOR 16)
FROM recent_transactions r JOIN recent_blocks b ON b.block_hash = r.block_hash
ON CONFLICT DO NOTHING;

DROP TABLE recent_transactions;
