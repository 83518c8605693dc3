-- Teos schema v2 (PostgreSQL): appointments in one table keyed by uuid, instead of 16 hash partitions on the locator.
-- Every add_appointment and get_appointment finds its row by uuid, which a locator partitioning cannot prune: each
-- such lookup probed all 16 partitions' uuid indexes, and every statement opened and locked 16 partitions and their
-- indexes. Measured with pgbench (prepared, 200,000 rows): the uuid lookup took 0.14-0.15 ms instead of 0.27-0.47 ms,
-- the upsert 0.26-0.30 ms instead of 0.29-0.48 ms. The block's match seeks the locator index once per candidate
-- either way, and the uuid key no longer needs the locator beside it. Existing rows are copied over.

CREATE TABLE appointments_v2 (
    to_self_delay  bigint   NOT NULL,
    start_block    bigint   NOT NULL,
    profile        smallint NOT NULL,
    locator        bytea    NOT NULL,
    uuid           bytea    NOT NULL,
    user_id        bytea    NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    encrypted_blob bytea    NOT NULL,
    user_signature text     NOT NULL,
    CONSTRAINT appointments_v2_pkey PRIMARY KEY (uuid)
);

INSERT INTO appointments_v2 (to_self_delay, start_block, profile, locator, uuid, user_id, encrypted_blob, user_signature)
SELECT to_self_delay, start_block, profile, locator, uuid, user_id, encrypted_blob, user_signature FROM appointments;

-- The trackers' foreign key named the partitioned table's (locator, uuid) key; the uuid alone is the key now.
ALTER TABLE trackers DROP CONSTRAINT trackers_locator_uuid_fkey;
DROP TABLE appointments;
ALTER TABLE appointments_v2 RENAME TO appointments;
ALTER TABLE appointments RENAME CONSTRAINT appointments_v2_pkey TO appointments_pkey;
ALTER TABLE appointments RENAME CONSTRAINT appointments_v2_user_id_fkey TO appointments_user_id_fkey;

-- Built after the copy: one sort each instead of row-by-row inserts.
-- The block's match (by locator) and lookups by owner (listing, the users cascade).
CREATE INDEX appointments_locator ON appointments (locator);
CREATE INDEX appointments_user_id ON appointments (user_id);

ALTER TABLE trackers ADD CONSTRAINT trackers_uuid_fkey FOREIGN KEY (uuid) REFERENCES appointments (uuid) ON DELETE CASCADE;
