-- Teos schema v1 (PostgreSQL): the same tables as the SQLite schema, for several silos on one database.
-- u32 values are bigint (PostgreSQL has no unsigned types); keys and transactions are bytea.

CREATE TABLE users (
    user_id             bytea    NOT NULL PRIMARY KEY,
    available_slots     bigint   NOT NULL,
    subscription_start  bigint   NOT NULL,
    subscription_expiry bigint   NOT NULL,
    profile             smallint NOT NULL
);

-- The Gatekeeper deletes outdated users every block with a range scan on the expiry.
CREATE INDEX users_subscription_expiry ON users (subscription_expiry);

-- The locator buckets (DESIGN.md section 4): hash partitions on the locator, so a block's match probes one
-- partition per locator and vacuum works on tables of 1/16 of the size. A unique key of a partitioned table must
-- contain the partition key, hence (locator, uuid); the uuid is derived from the locator, so it is as unique.
-- Fixed-width columns first: no alignment padding between them.
CREATE TABLE appointments (
    to_self_delay  bigint   NOT NULL,
    start_block    bigint   NOT NULL,
    profile        smallint NOT NULL,
    locator        bytea    NOT NULL,
    uuid           bytea    NOT NULL,
    user_id        bytea    NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    encrypted_blob bytea    NOT NULL,
    user_signature text     NOT NULL,
    PRIMARY KEY (locator, uuid)
) PARTITION BY HASH (locator);

DO $$
BEGIN
    FOR bucket IN 0..15 LOOP
        EXECUTE format(
            'CREATE TABLE appointments_%s PARTITION OF appointments FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
            lpad(bucket::text, 2, '0'), bucket);
    END LOOP;
END
$$;

-- Lookups by uuid (get_appointment, updates, deletions) and by owner (listing, the users cascade).
CREATE INDEX appointments_uuid ON appointments (uuid);
CREATE INDEX appointments_user_id ON appointments (user_id);

-- The tracker keeps its appointment's locator: the foreign key must name the partitioned table's unique key.
CREATE TABLE trackers (
    uuid         bytea   NOT NULL PRIMARY KEY,
    locator      bytea   NOT NULL,
    height       bigint  NOT NULL,
    confirmed    boolean NOT NULL,
    reorged      boolean NOT NULL,
    penalty_txid bytea   NOT NULL,
    dispute_tx   bytea   NOT NULL,
    penalty_tx   bytea   NOT NULL,
    FOREIGN KEY (locator, uuid) REFERENCES appointments (locator, uuid) ON DELETE CASCADE
);

CREATE INDEX trackers_penalty_txid ON trackers (penalty_txid);

-- The last block whose processing committed (spec 4.7); a single row.
CREATE TABLE chain_tip (
    id         smallint NOT NULL PRIMARY KEY CHECK (id = 0),
    block_hash bytea    NOT NULL,
    height     bigint   NOT NULL
);

-- Locator cache (spec 4.3), shared by every silo: the leader fills it, any silo's add_appointment reads it.
CREATE TABLE recent_blocks (
    block_hash bytea  NOT NULL PRIMARY KEY,
    height     bigint NOT NULL
);

CREATE TABLE recent_transactions (
    block_hash     bytea NOT NULL REFERENCES recent_blocks (block_hash) ON DELETE CASCADE,
    txid           bytea NOT NULL,
    rust_locator   bytea NOT NULL,
    python_locator bytea NOT NULL,
    PRIMARY KEY (block_hash, txid)
);

CREATE INDEX recent_transactions_rust_locator ON recent_transactions (rust_locator);
CREATE INDEX recent_transactions_python_locator ON recent_transactions (python_locator);

-- Tower keys (spec 6.2): the highest id is in use; older rows are kept.
CREATE TABLE keys (
    id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key text   NOT NULL
);
