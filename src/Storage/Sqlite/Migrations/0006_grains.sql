-- Teos schema v6 (SQLite): the tower's state moves onto Orleans grains (issue 19, DESIGN-19 section 2).
--   * Every user and appointment row carries its tower (0 = the default tower): users are unique per (tower,
--     user_id), appointments keyed by (tower, uuid). A 0 costs no payload byte (SQLite encodes it in the header).
--   * users keep what the user grain persists: slot_allowance (slots granted minus slots burned; used slots are
--     derived from the user's appointment rows) and deletion_height (the rule core's answer, so the per-block
--     Gatekeeper only selects). Both start as copies here; the upgrade's C# step (LegacyUserUpgrade) adds the
--     slots of each user's stored blobs and computes the deletion height with the rule functions.
--   * appointments.triggered = 1 once a tracker follows the appointment's penalty; rows with a legacy tracker
--     are triggered. Watched rows are served by one partial locator index per profile, covering the uuid, so
--     bucket loading and hit lookups read the index only; a small partial index lists the triggered rows.
--   * Legacy trackers and the tip become grain state (LegacyStateImport copies them at silo start and empties
--     these tables); they lose their references, which named the old appointments key.
--   * grain_state holds opaque grain state (trackers, the block feed): version is the ETag.
--   * teos_settings records the locator bucket width the silo must agree with.
-- Tables are rebuilt (SQLite cannot change keys in place). The runner has foreign keys off for this, so dropping
-- the old tables cascades nothing, and checks every reference before committing.

CREATE TABLE users_v6 (
    user_key            INTEGER PRIMARY KEY,
    tower               INTEGER NOT NULL,
    user_id             BLOB    NOT NULL,
    profile             INTEGER NOT NULL,
    slot_allowance      INTEGER NOT NULL,
    subscription_start  INTEGER NOT NULL,
    subscription_expiry INTEGER NOT NULL,
    deletion_height     INTEGER NOT NULL,
    UNIQUE (tower, user_id)
);

INSERT INTO users_v6 (user_key, tower, user_id, profile, slot_allowance, subscription_start, subscription_expiry, deletion_height)
SELECT user_key, 0, user_id, profile, available_slots, subscription_start, subscription_expiry, 0 FROM users;

CREATE TABLE appointments_v6 (
    tower          INTEGER NOT NULL,
    uuid           BLOB    NOT NULL,
    locator        BLOB    NOT NULL,
    encrypted_blob BLOB    NOT NULL,
    to_self_delay  INTEGER NOT NULL,
    user_signature TEXT    NOT NULL,
    start_block    INTEGER NOT NULL,
    user_key       INTEGER NOT NULL REFERENCES users (user_key) ON DELETE CASCADE,
    profile        INTEGER NOT NULL,
    triggered      INTEGER NOT NULL,
    PRIMARY KEY (tower, uuid)
);

INSERT INTO appointments_v6 (tower, uuid, locator, encrypted_blob, to_self_delay, user_signature, start_block, user_key, profile, triggered)
SELECT 0, a.uuid, a.locator, a.encrypted_blob, a.to_self_delay, a.user_signature, a.start_block, a.user_key, a.profile,
       EXISTS (SELECT 1 FROM trackers t WHERE t.uuid = a.uuid)
FROM appointments a
ORDER BY a.rowid;

CREATE TABLE legacy_trackers (
    uuid         BLOB    NOT NULL PRIMARY KEY,
    dispute_tx   BLOB    NOT NULL,
    penalty_tx   BLOB    NOT NULL,
    height       INTEGER NOT NULL,
    confirmed    INTEGER NOT NULL,
    reorged      INTEGER NOT NULL
);

INSERT INTO legacy_trackers (uuid, dispute_tx, penalty_tx, height, confirmed, reorged)
SELECT uuid, dispute_tx, penalty_tx, height, confirmed, reorged FROM trackers;

DROP TABLE trackers;
DROP TABLE appointments;
DROP TABLE users;
ALTER TABLE users_v6 RENAME TO users;
ALTER TABLE appointments_v6 RENAME TO appointments;
ALTER TABLE chain_tip RENAME TO legacy_chain_tip;

CREATE INDEX users_deletion_height ON users (tower, deletion_height);
CREATE INDEX appointments_rust_locator ON appointments (tower, locator, uuid) WHERE profile = 0 AND triggered = 0;
CREATE INDEX appointments_python_locator ON appointments (tower, locator, uuid) WHERE profile = 1 AND triggered = 0;
CREATE INDEX appointments_triggered ON appointments (tower, uuid) WHERE triggered = 1;
CREATE INDEX appointments_user_key ON appointments (user_key);

CREATE TABLE grain_state (
    grain_type TEXT    NOT NULL,
    grain_key  TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    payload    BLOB    NOT NULL,
    PRIMARY KEY (grain_type, grain_key)
) WITHOUT ROWID;

CREATE TABLE teos_settings (
    key   TEXT    NOT NULL PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO teos_settings (key, value) VALUES ('bucket_bits', 10);
