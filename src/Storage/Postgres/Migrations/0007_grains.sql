-- Teos schema v7 (PostgreSQL): the tower's state moves onto Orleans grains (issue 19, DESIGN-19 section 2); the
-- same changes as SQLite's migration 0006.
--   * Every user and appointment row carries its tower (0 = the default tower): users unique per (tower, user_id),
--     appointments keyed by (tower, uuid).
--   * users: slot_allowance (slots granted minus slots burned) starts as the available slots and deletion_height
--     at 0; the upgrade's C# step (LegacyUserUpgrade) adds the slots of each user's stored blobs and computes the
--     deletion height with the rule functions. available_slots goes: used slots are derived from the rows.
--   * appointments.triggered: set for rows with a legacy tracker. One partial locator index per profile over the
--     watched rows serves bucket loading as an index-only scan; a small partial index lists the triggered rows.
--   * Legacy trackers and the tip become grain state (LegacyStateImport copies them at silo start and empties
--     these tables); the trackers lose their reference to the old appointments key.
--   * teos_settings records the locator bucket width the silo must agree with.

ALTER TABLE users ADD COLUMN tower smallint NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN slot_allowance bigint;
ALTER TABLE users ADD COLUMN deletion_height bigint NOT NULL DEFAULT 0;
UPDATE users SET slot_allowance = available_slots;
ALTER TABLE users ALTER COLUMN slot_allowance SET NOT NULL;
ALTER TABLE users DROP COLUMN available_slots;
ALTER TABLE users DROP CONSTRAINT users_pkey;
ALTER TABLE users ADD CONSTRAINT users_tower_user_id UNIQUE (tower, user_id);
DROP INDEX users_subscription_expiry;
CREATE INDEX users_deletion_height ON users (tower, deletion_height);

ALTER TABLE trackers DROP CONSTRAINT trackers_uuid_fkey;
ALTER TABLE trackers RENAME TO legacy_trackers;
ALTER TABLE chain_tip RENAME TO legacy_chain_tip;

-- The appointments table is rebuilt so that a row keeps 18 to a heap page (8 KB) with its two new columns: at the
-- 300-byte blobs of the storage target, the row of migration 0006 had one byte to spare, and a 17th-row page costs
-- 27 bytes per appointment. So: the fixed-width columns first, in alignment order; the locator as PostgreSQL's
-- 16-byte uuid type (LocatorColumn: the same bytes, compared the same way, no length byte); the signature before the
-- blob, and a canonical signature as its 65 bytes without a tag (SignatureColumn). Rows are copied over, their
-- signatures re-encoded (an encoding, not a rule: tag 1 and 65 bytes not starting with 0 or 1 become those bytes).
-- Measured with the bench's storage command at 10^6 appointments (300-byte blobs): 592 bytes per appointment with
-- the two columns added at the end of the old row (1.54 x the payload), 565 with this layout (1.47 x).
CREATE TABLE appointments_v7 (
    to_self_delay  integer  NOT NULL,
    start_block    integer  NOT NULL,
    user_key       integer  NOT NULL REFERENCES users (user_key) ON DELETE CASCADE,
    tower          smallint NOT NULL,
    profile        smallint NOT NULL,
    triggered      boolean  NOT NULL,
    locator        uuid     NOT NULL,
    uuid           bytea    NOT NULL,
    user_signature bytea    NOT NULL,
    encrypted_blob bytea    NOT NULL,
    CONSTRAINT appointments_v7_pkey PRIMARY KEY (tower, uuid)
);

INSERT INTO appointments_v7 (to_self_delay, start_block, user_key, tower, profile, triggered, locator, uuid, user_signature, encrypted_blob)
SELECT a.to_self_delay, a.start_block, a.user_key, 0, a.profile,
       EXISTS (SELECT 1 FROM legacy_trackers t WHERE t.uuid = a.uuid),
       encode(a.locator, 'hex')::uuid, a.uuid,
       CASE WHEN length(a.user_signature) = 66 AND get_byte(a.user_signature, 0) = 1 AND get_byte(a.user_signature, 1) > 1
            THEN substring(a.user_signature FROM 2) ELSE a.user_signature END,
       a.encrypted_blob
FROM appointments a;

DROP TABLE appointments;
ALTER TABLE appointments_v7 RENAME TO appointments;
ALTER TABLE appointments RENAME CONSTRAINT appointments_v7_pkey TO appointments_pkey;
ALTER TABLE appointments RENAME CONSTRAINT appointments_v7_user_key_fkey TO appointments_user_key_fkey;

-- Built after the copy: one sort each instead of row-by-row inserts.
CREATE INDEX appointments_user_key ON appointments (user_key);
CREATE INDEX appointments_rust_locator ON appointments (tower, locator) WHERE profile = 0 AND NOT triggered;
CREATE INDEX appointments_python_locator ON appointments (tower, locator) WHERE profile = 1 AND NOT triggered;
CREATE INDEX appointments_triggered ON appointments (tower, uuid) WHERE triggered;

CREATE TABLE teos_settings (
    key   text   NOT NULL PRIMARY KEY,
    value bigint NOT NULL
);

INSERT INTO teos_settings (key, value) VALUES ('bucket_bits', 10);
