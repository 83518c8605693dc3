-- Locator cache (spec 4.3) keyed by height first, so that a block's rows are one contiguous, sorted run of the
-- table: adding a block appends at the end of the B-tree and evicting the oldest deletes from its start. The two
-- random-order locator indexes of 0001 rewrote most of their pages for every block; a lookup now seeks
-- (height, locator, profile) once per cached block instead (a handful of seeks).
-- One row per locator a cached transaction can be watched under. rest holds the txid's other 16 internal-order
-- bytes: a rust-teos locator is the txid's first 16 internal bytes, a python-teos one its last 16 reversed.
CREATE TABLE recent_locators (
    height  INTEGER NOT NULL,
    locator BLOB    NOT NULL,
    profile INTEGER NOT NULL,
    rest    BLOB    NOT NULL,
    PRIMARY KEY (height, locator, profile)
) WITHOUT ROWID;

INSERT OR REPLACE INTO recent_locators (height, locator, profile, rest)
SELECT b.height, r.rust_locator, 0, substr(r.txid, 17, 16)
FROM recent_transactions r JOIN recent_blocks b ON b.block_hash = r.block_hash
UNION ALL
SELECT b.height, r.python_locator, 1, substr(r.txid, 1, 16)
FROM recent_transactions r JOIN recent_blocks b ON b.block_hash = r.block_hash;

DROP TABLE recent_transactions;
