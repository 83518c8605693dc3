-- Teos schema v1 (SQLite). Differs from rust-teos (spec 7) where the C# tower needs more: the client profile
-- per user and appointment, the penalty txid and reorged flag per tracker, the tip height, and the locator
-- cache, which is shared state rather than memory. Integers are u32 values; SQLite stores them in 64 bits.

CREATE TABLE users (
    user_id             BLOB    NOT NULL PRIMARY KEY,
    available_slots     INTEGER NOT NULL,
    subscription_start  INTEGER NOT NULL,
    subscription_expiry INTEGER NOT NULL,
    profile             INTEGER NOT NULL
) WITHOUT ROWID;

-- A rowid table: rows carry the blob (hundreds of bytes), too large for a clustered WITHOUT ROWID b-tree.
-- The profile (0 or 1) costs no payload byte: SQLite encodes both values in the record header.
CREATE TABLE appointments (
    uuid           BLOB    NOT NULL PRIMARY KEY,
    locator        BLOB    NOT NULL,
    encrypted_blob BLOB    NOT NULL,
    to_self_delay  INTEGER NOT NULL,
    user_signature TEXT    NOT NULL,
    start_block    INTEGER NOT NULL,
    user_id        BLOB    NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    profile        INTEGER NOT NULL
);

-- Block matching seeks by locator; user deletion (the cascade) and get_subscription_info seek by owner.
CREATE INDEX appointments_locator ON appointments (locator);
CREATE INDEX appointments_user_id ON appointments (user_id);

-- The tracker's owner is its appointment's owner, so no user_id column here.
CREATE TABLE trackers (
    uuid         BLOB    NOT NULL PRIMARY KEY REFERENCES appointments (uuid) ON DELETE CASCADE,
    dispute_tx   BLOB    NOT NULL,
    penalty_txid BLOB    NOT NULL,
    penalty_tx   BLOB    NOT NULL,
    height       INTEGER NOT NULL,
    confirmed    INTEGER NOT NULL,
    reorged      INTEGER NOT NULL
);

CREATE INDEX trackers_penalty_txid ON trackers (penalty_txid);

-- The last block whose processing committed (spec 4.7); a single row.
CREATE TABLE chain_tip (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 0),
    block_hash BLOB    NOT NULL,
    height     INTEGER NOT NULL
);

-- Locator cache (spec 4.3): the transactions of the last few blocks, under both profiles' locators.
CREATE TABLE recent_blocks (
    block_hash BLOB    NOT NULL PRIMARY KEY,
    height     INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE recent_transactions (
    block_hash     BLOB NOT NULL REFERENCES recent_blocks (block_hash) ON DELETE CASCADE,
    txid           BLOB NOT NULL,
    rust_locator   BLOB NOT NULL,
    python_locator BLOB NOT NULL,
    PRIMARY KEY (block_hash, txid)
) WITHOUT ROWID;

CREATE INDEX recent_transactions_rust_locator ON recent_transactions (rust_locator);
CREATE INDEX recent_transactions_python_locator ON recent_transactions (python_locator);

-- Tower keys (spec 6.2): the highest id is in use; older rows are kept.
CREATE TABLE keys (
    id  INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL
);
